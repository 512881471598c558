using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AgentCoreIdentity.DataPlane;

/// <summary>
/// An error response of the rest-json protocol, parsed the way the official AWS SDKs parse it.
/// </summary>
internal sealed record ServiceErrorResponse(
    int StatusCode,
    string ErrorCode,
    string? Message,
    string? RequestId,
    string? Reason,
    IReadOnlyList<ValidationExceptionField> FieldList,
    ResponseBodyKind BodyKind,
    string? MediaType,
    int BodyLength,
    RetryConditionHeaderValue? RetryAfter)
{
    /// <summary>Whether the body was a JSON object, as the rest-json protocol sends.</summary>
    public bool IsJson => BodyKind == ResponseBodyKind.JsonObject;

    private const string ErrorTypeHeader = "x-amzn-ErrorType";
    private const string ErrorMessageHeader = "x-amzn-error-message";
    private const string RequestIdHeader = "x-amzn-RequestId";

    /// <summary>
    /// Parses the status, headers and body. The error code is the first of: the <c>x-amzn-ErrorType</c> header up
    /// to its first <c>:</c>; the body's <c>__type</c> after its last <c>#</c> (and before any <c>:</c>); the body's
    /// <c>code</c> or <c>Code</c>; and last the HTTP status name.
    /// </summary>
    public static ServiceErrorResponse Parse(
        HttpStatusCode status,
        HttpResponseHeaders headers,
        ReadOnlySpan<byte> body,
        string? mediaType = null)
    {
        string? typeHeader = FirstHeader(headers, ErrorTypeHeader);
        string? requestId = FirstHeader(headers, RequestIdHeader);
        string? headerMessage = FirstHeader(headers, ErrorMessageHeader);

        string? bodyType = null;
        string? bodyCode = null;
        string? message = null;
        string? reason = null;
        var fields = new List<ValidationExceptionField>();
        var isJson = TryReadJsonBody(body, ref bodyType, ref bodyCode, ref message, ref reason, fields);
        var kind = isJson ? ResponseBodyKind.JsonObject : ResponseBodies.Classify(body);

        var code = CodeFromHeader(typeHeader) ?? CodeFromType(bodyType) ?? NullIfEmpty(bodyCode) ?? StatusName(status);
        message = headerMessage ?? message;
        if (!isJson && message is null && !body.IsEmpty)
        {
            message = Encoding.UTF8.GetString(body.Length > 512 ? body[..512] : body).Trim();
        }

        return new ServiceErrorResponse((int)status, code, message, requestId, reason, fields, kind, mediaType, body.Length, headers.RetryAfter);
    }

    private static string? FirstHeader(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string? CodeFromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var colon = header.IndexOf(':', StringComparison.Ordinal);
        return NullIfEmpty((colon >= 0 ? header[..colon] : header).Trim());
    }

    private static string? CodeFromType(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var hash = type.LastIndexOf('#');
        var name = hash >= 0 ? type[(hash + 1)..] : type;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return NullIfEmpty((colon >= 0 ? name[..colon] : name).Trim());
    }

    private static string StatusName(HttpStatusCode status) =>
        Enum.IsDefined(status) ? status.ToString() : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool TryReadJsonBody(
        ReadOnlySpan<byte> body,
        ref string? type,
        ref string? code,
        ref string? message,
        ref string? reason,
        List<ValidationExceptionField> fields)
    {
        if (body.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            type = GetString(root, "__type");
            code = GetString(root, "code") ?? GetString(root, "Code");
            message = GetString(root, "message") ?? GetString(root, "Message");
            reason = GetString(root, "reason");
            if (root.TryGetProperty("fieldList", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        fields.Add(new ValidationExceptionField(GetString(item, "name") ?? string.Empty, GetString(item, "message") ?? string.Empty));
                    }
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
