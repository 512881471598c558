using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity;

/// <summary>
/// Responds to requests whose AgentCore headers are invalid with 400 and a problem-details body (RFC 9457) that names
/// the header and the fix, never a header value. It handles the <see cref="BadHttpRequestException"/> that
/// <see cref="AgentCoreRequestContext.BindAsync"/> throws, and an <see cref="InvalidRequestHeaderException"/> or
/// <see cref="ConflictingRequestHeadersException"/> that escapes a handler; every other exception is left to the
/// next handler.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddExceptionHandler&lt;AgentCoreRequestContextExceptionHandler&gt;();
/// builder.Services.AddProblemDetails();
/// var app = builder.Build();
/// app.UseExceptionHandler();
/// </code>
/// </example>
public sealed partial class AgentCoreRequestContextExceptionHandler : IExceptionHandler
{
    /// <summary>Title of the problem-details body.</summary>
    public const string ProblemTitle = "Invalid AgentCore request headers";

    private readonly ILogger<AgentCoreRequestContextExceptionHandler> _logger;

    /// <summary>Creates the handler; ASP.NET Core does this when it is registered with <c>AddExceptionHandler</c>.</summary>
    /// <param name="logger">Receives one warning per rejected request, with the error code and the secret-free message.</param>
    public AgentCoreRequestContextExceptionHandler(ILogger<AgentCoreRequestContextExceptionHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);

        var error = exception is BadHttpRequestException { InnerException: { } inner } ? inner : exception;
        var headerNames = error switch
        {
            InvalidRequestHeaderException invalid => [invalid.HeaderName],
            ConflictingRequestHeadersException conflicting => conflicting.HeaderNames,
            _ => null,
        };
        if (headerNames is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = ProblemTitle,
            Detail = error.Message,
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        };
        var code = ((AgentCoreIdentityException)error).Code;
        problem.Extensions["code"] = code;
        problem.Extensions["headers"] = headerNames;
        LogRejected(_logger, httpContext.TraceIdentifier, code, error.GetType().Name, error.Message);

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        await Results.Problem(problem).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(
        EventId = 4001,
        EventName = "RequestContextRejected",
        Level = LogLevel.Warning,
        Message = "Rejected request {TraceIdentifier} with 400: {ErrorCode} {ExceptionType}: {ErrorMessage}")]
    private static partial void LogRejected(ILogger logger, string traceIdentifier, string errorCode, string exceptionType, string errorMessage);
}
