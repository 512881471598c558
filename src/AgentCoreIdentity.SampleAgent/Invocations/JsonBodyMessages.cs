using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace AgentCoreIdentity.SampleAgent.Invocations;

/// <summary>
/// Messages for a JSON request body that cannot be used, worded as the library's <c>MapAgentCoreRuntime</c> words
/// them, so that both styles of the sample report the same problem the same way. A message names the line and byte
/// (both counted from 0), the JSON path and the field. It never quotes the payload, which may hold a secret, so the
/// serializer's own message is not used.
/// </summary>
internal static partial class JsonBodyMessages
{
    /// <summary>Returns the message for an empty body.</summary>
    public static string Empty(HttpRequest request, JsonTypeInfo payloadType) =>
        $"The request body is empty. Send a JSON object ({payloadType.Type.Name}).{ContentTypeNote(request)}";

    /// <summary>Returns the message for a body that is the JSON literal <c>null</c>.</summary>
    public static string Null(HttpRequest request, JsonTypeInfo payloadType) =>
        $"The request body is the JSON literal null. Send a JSON object ({payloadType.Type.Name}).{ContentTypeNote(request)}";

    /// <summary>Returns the message for malformed JSON, a field of the wrong type, an unknown field, or a body that is no object.</summary>
    public static string Invalid(HttpRequest request, JsonException exception, JsonTypeInfo payloadType)
    {
        // A syntax error surfaces as a JsonException that wraps the reader's own JsonException.
        var isSyntaxError = exception.InnerException is JsonException;
        var location = Locate(exception, isSyntaxError);
        var path = string.IsNullOrEmpty(exception.Path) ? string.Empty : $" (JSON path '{exception.Path}')";
        var match = exception.Path is null ? Match.Empty : TopLevelMember().Match(exception.Path);
        var field = match.Success ? match.Groups["name"].Value : null;

        string reason;
        if (isSyntaxError)
        {
            reason = $"it is malformed{location}{path}";
        }
        else if (field is null)
        {
            reason = $"a value has the wrong type{location}{path}";
        }
        else if (payloadType.Properties.FirstOrDefault(property => string.Equals(property.Name, field, Comparison(payloadType))) is { } property)
        {
            reason = $"the field '{field}'{location}{path} must be {DescribeValue(property.PropertyType)}";
        }
        else
        {
            var names = payloadType.Properties.Select(known => $"'{known.Name}'").ToArray();
            reason = $"it has the unknown field '{field}'{location}. The fields are {string.Join(", ", names[..^1])} and {names[^1]}";
        }

        return $"The request body is not a valid JSON object ({payloadType.Type.Name}): {reason}.{ContentTypeNote(request)}";
    }

    /// <summary>
    /// Returns where the serializer stopped, with lines and bytes counted from 0 as System.Text.Json counts them. A
    /// syntax error is reported at the offending byte. A value of the wrong type or an unknown field is reported just
    /// after that value's first token, or at the unknown field's value, so that position is only "near" the problem.
    /// </summary>
    private static string Locate(JsonException exception, bool isSyntaxError) =>
        exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $" {(isSyntaxError ? "at" : "near")} line {line}, byte {position}")
            : string.Empty;

    /// <summary>Returns a sentence about a missing or non-JSON <c>Content-Type</c> header; otherwise an empty string.</summary>
    private static string ContentTypeNote(HttpRequest request)
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
        var isJson = name.Equals("application/json", StringComparison.OrdinalIgnoreCase) || name.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        return isJson ? string.Empty : $" The Content-Type header is '{name}', but the body must be JSON: send Content-Type: application/json.";
    }

    private static StringComparison Comparison(JsonTypeInfo payloadType) =>
        payloadType.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static string DescribeValue(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(bool))
        {
            return "true or false";
        }

        return underlying == typeof(string) ? "a string" : $"a JSON value of type {underlying.Name}";
    }

    // "$.name" or "$['name']": a member of the top-level object, the only level whose fields the message can name.
    [GeneratedRegex(@"^\$(\.(?<name>[^.\[\]']+)|\['(?<name>[^']+)'\])$", RegexOptions.CultureInvariant)]
    private static partial Regex TopLevelMember();
}
