using System.Buffers;
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
    public static byte[] Serialize(IdentityRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            request.WriteMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
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
