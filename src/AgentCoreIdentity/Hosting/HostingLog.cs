using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity;

/// <summary>
/// Log messages of the runtime hosting helpers, with fixed event ids from 3001. No message takes a token, key or
/// authorization value: work and invocations are identified by their runtime request and session ids.
/// </summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 3001, Message = "The ping status source failed, so /ping reports the automatic status")]
    public static partial void PingStatusSourceFailed(ILogger logger, LogLevel level, Exception exception);

    [LoggerMessage(EventId = 3002, Message = "The ping status source timed out after {Timeout}, so /ping reports the automatic status")]
    public static partial void PingStatusSourceTimedOut(ILogger logger, LogLevel level, TimeSpan timeout);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "The ping status source works again")]
    public static partial void PingStatusSourceRecovered(ILogger logger);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "Background work {WorkId} ({WorkName}) of request {RequestId} started")]
    public static partial void WorkStarted(ILogger logger, long workId, string workName, string requestId);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Debug, Message = "Background work {WorkId} ({WorkName}) of request {RequestId} succeeded after {Duration}")]
    public static partial void WorkSucceeded(ILogger logger, long workId, string workName, string requestId, TimeSpan duration);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Error, Message = "Background work {WorkId} ({WorkName}) of request {RequestId} in session {SessionId} failed after {Duration}")]
    public static partial void WorkFailed(ILogger logger, long workId, string workName, string requestId, string? sessionId, TimeSpan duration, Exception exception);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Background work {WorkId} ({WorkName}) of request {RequestId} was canceled after {Duration}")]
    public static partial void WorkCanceled(ILogger logger, long workId, string workName, string requestId, TimeSpan duration);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "The host is stopping: canceled {Count} background work items and waiting up to {DrainTimeout} for them to end")]
    public static partial void DrainStarted(ILogger logger, int count, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "{Count} background work items did not end during shutdown and were abandoned; their request ids: {RequestIds}")]
    public static partial void DrainIncomplete(ILogger logger, int count, string requestIds);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Warning, Message = "A cancellation callback of background work {WorkId} ({WorkName}) of request {RequestId} threw")]
    public static partial void CancellationCallbackFailed(ILogger logger, long workId, string workName, string requestId, Exception exception);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Rejected an invocation with status {StatusCode} and error {ErrorCode}: {Reason}")]
    public static partial void InvocationRejected(ILogger logger, int statusCode, string errorCode, string reason);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Error, Message = "The invocation handler failed for request {RequestId} in session {SessionId}")]
    public static partial void InvocationFailed(ILogger logger, string requestId, string? sessionId, Exception exception);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Error, Message = "The invocation stream failed after {ItemCount} items for request {RequestId} in session {SessionId}")]
    public static partial void InvocationStreamFailed(ILogger logger, int itemCount, string requestId, string? sessionId, Exception exception);

    // The rejection's message is left out because the handler wrote it for the caller and nothing proves it free of secrets.
    [LoggerMessage(EventId = 3023, Level = LogLevel.Information, Message = "The invocation handler rejected request {RequestId} in session {SessionId} with status {StatusCode} and error {ErrorCode}")]
    public static partial void InvocationRejectedByHandler(ILogger logger, string requestId, string? sessionId, int statusCode, string errorCode);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Information, Message = "The invocation handler rejected request {RequestId} in session {SessionId} with error {ErrorCode} after {ItemCount} streamed items; the response had started, so status {StatusCode} was not sent")]
    public static partial void InvocationStreamRejected(ILogger logger, int itemCount, string requestId, string? sessionId, int statusCode, string errorCode);
}
