using System.Text.Json.Serialization;

namespace AgentCoreIdentity.SampleAgent;

/// <summary>
/// The body of every error response of the sample: <c>{"error":CODE,"message":TEXT}</c>, and in the runtime style
/// also <c>"requestId"</c> once the request context has been read. The code is an SDK error code such as
/// <c>ACI1003</c>, or a name such as <c>InvalidJson</c> for a problem that the sample itself detects.
/// </summary>
/// <param name="Error">Stable error code.</param>
/// <param name="Message">What failed and how to fix it; never a token, key or authorization URL.</param>
/// <param name="RequestId">Runtime request id, as <c>MapAgentCoreRuntime</c> writes it; left out when <c>null</c>.</param>
public sealed record ErrorBody(
    string Error,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestId = null)
{
    /// <summary>Returns the error as a JSON response without logging it, for a caller that has logged the failure already.</summary>
    public IResult ToResult(int statusCode) => Results.Json(this, statusCode: statusCode);

    /// <summary>Logs the error, at Warning for a 5xx status and Information otherwise, and returns it as a JSON response.</summary>
    /// <param name="statusCode">HTTP status of the response.</param>
    /// <param name="logger">Receives one line with the status, the code, the message and the request's trace identifier.</param>
    /// <param name="http">The request that the response is for.</param>
    public IResult ToResult(int statusCode, ILogger logger, HttpContext http)
    {
        var level = statusCode >= StatusCodes.Status500InternalServerError ? LogLevel.Warning : LogLevel.Information;
        logger.Log(level, "Responded to {Method} {Path} ({TraceIdentifier}) with {StatusCode} {Error}: {Message}",
            http.Request.Method, http.Request.Path, http.TraceIdentifier, statusCode, Error, Message);
        return ToResult(statusCode);
    }

    /// <summary>Returns an SDK error by its code and message, which contain no secret.</summary>
    public static ErrorBody From(AgentCoreIdentityException exception) => new(exception.Code, exception.Message);
}
