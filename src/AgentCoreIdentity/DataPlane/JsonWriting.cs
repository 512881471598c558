using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentCoreIdentity.DataPlane;

/// <summary>Writes request bodies as compact UTF-8 JSON, escaping only what JSON requires, as the AWS SDKs do.</summary>
internal static class JsonWriting
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The body goes to an AWS API, never into HTML, so characters such as '&' and '+' stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Serializes a request into the exact bytes that are signed and sent.</summary>
    public static byte[] Serialize(IdentityRequest request) =>
        request.TryWritePlainBody() ?? WriteWithJsonWriter(request).WrittenSpan.ToArray();

    /// <summary>Creates the HTTP content of a request: the bytes of <see cref="Serialize"/>, with no extra copy.</summary>
    public static ByteArrayContent CreateContent(IdentityRequest request)
    {
        if (request.TryWritePlainBody() is { } plain)
        {
            return new ByteArrayContent(plain);
        }

        var buffer = WriteWithJsonWriter(request);
        return MemoryMarshal.TryGetArray(buffer.WrittenMemory, out var written)
            ? new ByteArrayContent(written.Array!, written.Offset, written.Count)
            : new ByteArrayContent(buffer.WrittenSpan.ToArray());
    }

    /// <summary>Writes the body with <see cref="Utf8JsonWriter"/>, which escapes whatever JSON requires.</summary>
    public static ArrayBufferWriter<byte> WriteWithJsonWriter(IdentityRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartObject();
        request.WriteMembers(writer);
        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }

    public static void WriteOptionalString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteStringArray(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
