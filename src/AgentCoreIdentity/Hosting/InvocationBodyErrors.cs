using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AgentCoreIdentity;

/// <summary>
/// Writes the messages for an invocation body that cannot be used. A message names the line and byte (both counted
/// from 0), the JSON path and the field, and never quotes the payload, which may hold a secret. This is also why the
/// serializer's own message is not used.
/// </summary>
internal static partial class InvocationBodyErrors
{
    /// <summary>Returns the message for an empty body.</summary>
    public static string Empty(HttpRequest request, JsonTypeInfo payloadType) =>
        $"The request body is empty. Send a JSON {Describe(payloadType)}.{ContentTypeNote(request)}";

    /// <summary>Returns the message for a body that is the JSON literal <c>null</c>.</summary>
    public static string Null(HttpRequest request, JsonTypeInfo payloadType) =>
        $"The request body is the JSON literal null. Send a JSON {Describe(payloadType)}.{ContentTypeNote(request)}";

    /// <summary>
    /// Returns the message for a body that the serializer rejected: malformed JSON, a field whose value has the wrong
    /// type, a field that the payload type does not have, or a value that is not a JSON object at all.
    /// </summary>
    public static string Invalid(HttpRequest request, JsonException exception, JsonTypeInfo payloadType)
    {
        // A syntax error surfaces as a JsonException that wraps the reader's own JsonException.
        var isSyntaxError = exception.InnerException is JsonException;
        var location = Locate(exception, isSyntaxError);
        var path = string.IsNullOrEmpty(exception.Path) ? string.Empty : $" (JSON path '{exception.Path}')";
        var field = TopLevelField(exception.Path);

        var reason = isSyntaxError
            ? $"it is malformed{location}{path}"
            : field is null
                ? $"a value has the wrong type{location}{path}"
                : FindProperty(payloadType, field) is { } property
                    ? $"the field '{field}'{location}{path} must be {DescribeValue(property)}"
                    : $"it has the unknown field '{field}'{location}. The fields are {ListFields(payloadType)}";

        return $"The request body is not a valid JSON {Describe(payloadType)}: {reason}.{ContentTypeNote(request)}";
    }

    /// <summary>
    /// Returns where the serializer stopped, with lines and bytes counted from 0 as System.Text.Json counts them, like
    /// the positions in header errors. A syntax error is reported at the offending byte. A value of the wrong type or an
    /// unknown field is reported just after that value's first token, or at the unknown field's value, so that position
    /// is only "near" the problem.
    /// </summary>
    private static string Locate(JsonException exception, bool isSyntaxError) =>
        exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $" {(isSyntaxError ? "at" : "near")} line {line}, byte {position}")
            : string.Empty;

    /// <summary>
    /// Returns a sentence about the <c>Content-Type</c> header when it is missing or names a type other than JSON, so a
    /// caller sees why its body was read as JSON; otherwise an empty string.
    /// </summary>
    public static string ContentTypeNote(HttpRequest request)
    {
        var header = request.Headers.ContentType.ToString();
        if (header.Length == 0)
        {
            return " The request has no Content-Type header, so the body was read as JSON: send it with Content-Type: application/json.";
        }

        if (!MediaTypeHeaderValue.TryParse(header, out var mediaType))
        {
            return " The Content-Type header is not a valid media type: send Content-Type: application/json.";
        }

        var name = mediaType.MediaType.ToString();
        var isJson = name.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        return isJson
            ? string.Empty
            : $" The Content-Type header is '{name}', but the body must be JSON: send Content-Type: application/json.";
    }

    /// <summary>Describes the payload type, such as <c>object (Prompt)</c>.</summary>
    public static string Describe(JsonTypeInfo payloadType) => payloadType.Kind switch
    {
        JsonTypeInfoKind.Object => $"object ({payloadType.Type.Name})",
        JsonTypeInfoKind.Enumerable => $"array ({payloadType.Type.Name})",
        JsonTypeInfoKind.Dictionary => $"object ({payloadType.Type.Name})",
        _ => $"value ({payloadType.Type.Name})",
    };

    private static string? TopLevelField(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var match = TopLevelMember().Match(path);
        return match.Success ? match.Groups["name"].Value : null;
    }

    private static JsonPropertyInfo? FindProperty(JsonTypeInfo payloadType, string field)
    {
        var comparison = payloadType.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return payloadType.Kind == JsonTypeInfoKind.Object
            ? payloadType.Properties.FirstOrDefault(property => string.Equals(property.Name, field, comparison))
            : null;
    }

    private static string ListFields(JsonTypeInfo payloadType)
    {
        var names = payloadType.Properties.Select(property => $"'{property.Name}'").ToArray();
        return names.Length switch
        {
            0 => "none",
            1 => names[0],
            _ => $"{string.Join(", ", names[..^1])} and {names[^1]}",
        };
    }

    private static string DescribeValue(JsonPropertyInfo property)
    {
        var kind = property.Options.TryGetTypeInfo(property.PropertyType, out var info) ? info.Kind : JsonTypeInfoKind.None;
        if (kind == JsonTypeInfoKind.Enumerable)
        {
            return "an array";
        }

        if (kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary)
        {
            return "an object";
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(bool))
        {
            return "true or false";
        }

        if ((type.IsPrimitive && type != typeof(char)) || type == typeof(decimal))
        {
            return "a number";
        }

        // Strings, and the types that JSON carries as strings by default, such as Guid, DateTimeOffset and Uri.
        return type.IsEnum ? "a value of the enum " + type.Name : "a string";
    }

    // "$.name" or "$['name']": a member of the top-level object, the only level whose fields the message can name.
    [GeneratedRegex(@"^\$(\.(?<name>[^.\[\]']+)|\['(?<name>[^']+)'\])$", RegexOptions.CultureInvariant)]
    private static partial Regex TopLevelMember();
}
