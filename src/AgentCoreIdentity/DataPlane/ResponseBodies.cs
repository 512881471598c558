using System.Text.Json;

namespace AgentCoreIdentity.DataPlane;

/// <summary>Classifies and describes response bodies without copying their content into messages.</summary>
internal static class ResponseBodies
{
    /// <summary>Returns the kind of <paramref name="body"/>.</summary>
    public static ResponseBodyKind Classify(ReadOnlySpan<byte> body)
    {
        var trimmed = TrimStart(body);
        if (trimmed.IsEmpty)
        {
            return ResponseBodyKind.Empty;
        }

        if (trimmed[0] == (byte)'<')
        {
            return ResponseBodyKind.Markup;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object ? ResponseBodyKind.JsonObject : ResponseBodyKind.JsonNotObject;
        }
        catch (JsonException)
        {
            return ResponseBodyKind.Malformed;
        }
    }

    /// <summary>
    /// Parses a success body in one pass. Returns <see cref="ResponseBodyKind.JsonObject"/> and the parsed document, or
    /// the kind of body that arrived instead, with <paramref name="document"/> set to <c>null</c>. Content after the
    /// JSON value counts as malformed.
    /// </summary>
    public static ResponseBodyKind ParseObject(ReadOnlyMemory<byte> body, out JsonDocument? document)
    {
        document = null;
        var trimmed = TrimStart(body.Span);
        if (trimmed.IsEmpty)
        {
            return ResponseBodyKind.Empty;
        }

        if (trimmed[0] == (byte)'<')
        {
            return ResponseBodyKind.Markup;
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return ResponseBodyKind.Malformed;
        }

        if (parsed.RootElement.ValueKind != JsonValueKind.Object)
        {
            parsed.Dispose();
            return ResponseBodyKind.JsonNotObject;
        }

        document = parsed;
        return ResponseBodyKind.JsonObject;
    }

    /// <summary>Returns a phrase such as "an HTML or XML page (text/html, 1234 bytes)" for error messages.</summary>
    public static string Describe(ResponseBodyKind kind, string? mediaType, int length)
    {
        var what = kind switch
        {
            ResponseBodyKind.Empty => "an empty body",
            ResponseBodyKind.Markup => "an HTML or XML page",
            ResponseBodyKind.JsonNotObject => "JSON that is not an object",
            ResponseBodyKind.Malformed => "malformed JSON",
            _ => "a JSON object",
        };

        return kind == ResponseBodyKind.Empty
            ? $"{what} ({mediaType ?? "no content type"})"
            : $"{what} ({mediaType ?? "no content type"}, {length} bytes)";
    }

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> body)
    {
        var start = 0;
        while (start < body.Length && body[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        return body[start..];
    }
}
