using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity;

/// <summary>
/// Writes the JSON error bodies of <c>POST /invocations</c>: <c>{"error":CODE,"message":TEXT,"requestId":ID}</c>.
/// Every message is written by this SDK, is the message of an <see cref="AgentCoreIdentityException"/>, or is the
/// message of an <see cref="AgentCoreInvocationRejectedException"/>, which the app wrote for the caller. The SDK's own
/// messages never contain a token, key or part of the request payload.
/// </summary>
internal static class InvocationErrorResponse
{
    /// <summary>Error code of a request body that is empty.</summary>
    public const string EmptyBody = "EmptyBody";

    /// <summary>Error code of a request body that is not JSON, or not JSON of the expected shape.</summary>
    public const string InvalidJson = "InvalidJson";

    /// <summary>Error code of a request body that could not be read, for example because it is too large.</summary>
    public const string UnreadableBody = "UnreadableBody";

    /// <summary>Error code of a handler that threw an exception other than <see cref="AgentCoreIdentityException"/>.</summary>
    public const string InvocationFailed = "InvocationFailed";

    // Messages quote header names and JSON paths; the relaxed encoder keeps quotes readable. The body is served as
    // application/json, never embedded in HTML, which is what the default encoder's extra escaping guards against.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the error as the whole response.</summary>
    public static async Task WriteAsync(HttpResponse response, int statusCode, string error, string message, string? requestId)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await response.Body.WriteAsync(Serialize(error, message, requestId), response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Returns the error body as UTF-8 JSON without a trailing newline.</summary>
    public static byte[] Serialize(string error, string message, string? requestId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            writer.WriteString("message", message);
            if (requestId is not null)
            {
                writer.WriteString("requestId", requestId);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Returns the code and message for a handler failure: an <see cref="AgentCoreIdentityException"/> keeps its
    /// code and message, which never contain secrets, and an <see cref="AgentCoreInvocationRejectedException"/> keeps
    /// the ones the app wrote for the caller. Any other exception gets a fixed message, because its text may contain
    /// secrets.
    /// </summary>
    public static (string Error, string Message) DescribeFailure(Exception exception, string requestId) => exception switch
    {
        AgentCoreIdentityException identity => (identity.Code, identity.Message),
        AgentCoreInvocationRejectedException rejected => (rejected.ErrorCode, rejected.Message),
        _ => (InvocationFailed, $"The invocation handler failed. The agent's log has the details under request id {requestId}."),
    };
}
