using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Resilience;

/// <summary>
/// Log messages of the retry policy. Event ids 2001 to 2099 belong to it and never change meaning. Calls for a
/// credential provider log events 2001 and 2002, and calls without one log the same events as 2003 and 2004, whose
/// messages leave out the provider.
/// </summary>
internal static partial class RetryLog
{
    /// <summary>Logs a failed attempt that is retried, with the call's provider when it has one.</summary>
    public static void RetryScheduled(
        ILogger logger,
        string operation,
        string? providerName,
        int attempt,
        int maxAttempts,
        string failure,
        string requestId,
        long delayMilliseconds)
    {
        if (providerName is null)
        {
            RetryScheduledWithoutProvider(logger, operation, attempt, maxAttempts, failure, requestId, delayMilliseconds);
        }
        else
        {
            RetryScheduledForProvider(logger, operation, providerName, attempt, maxAttempts, failure, requestId, delayMilliseconds);
        }
    }

    /// <summary>Logs a call that is not retried because of a long Retry-After, with its provider when it has one.</summary>
    public static void RetryAfterTooLong(ILogger logger, string operation, string? providerName, long retryAfterMilliseconds, long maxDelayMilliseconds)
    {
        if (providerName is null)
        {
            RetryAfterTooLongWithoutProvider(logger, operation, retryAfterMilliseconds, maxDelayMilliseconds);
        }
        else
        {
            RetryAfterTooLongForProvider(logger, operation, providerName, retryAfterMilliseconds, maxDelayMilliseconds);
        }
    }

    [LoggerMessage(
        EventId = 2001,
        EventName = "IdentityRetryScheduled",
        Level = LogLevel.Warning,
        Message = "AgentCore Identity {Operation} for provider {ProviderName}: attempt {Attempt} of {MaxAttempts} failed with {Failure} (request id {RequestId}); retrying in {DelayMilliseconds} ms")]
    private static partial void RetryScheduledForProvider(
        ILogger logger,
        string operation,
        string providerName,
        int attempt,
        int maxAttempts,
        string failure,
        string requestId,
        long delayMilliseconds);

    [LoggerMessage(
        EventId = 2002,
        EventName = "IdentityRetryAfterTooLong",
        Level = LogLevel.Warning,
        Message = "AgentCore Identity {Operation} for provider {ProviderName}: the service asked to wait {RetryAfterMilliseconds} ms (Retry-After), longer than Retry.MaxDelay of {MaxDelayMilliseconds} ms, so the call is not retried")]
    private static partial void RetryAfterTooLongForProvider(
        ILogger logger,
        string operation,
        string providerName,
        long retryAfterMilliseconds,
        long maxDelayMilliseconds);

    [LoggerMessage(
        EventId = 2003,
        EventName = "IdentityRetryScheduledWithoutProvider",
        Level = LogLevel.Warning,
        Message = "AgentCore Identity {Operation}: attempt {Attempt} of {MaxAttempts} failed with {Failure} (request id {RequestId}); retrying in {DelayMilliseconds} ms")]
    private static partial void RetryScheduledWithoutProvider(
        ILogger logger,
        string operation,
        int attempt,
        int maxAttempts,
        string failure,
        string requestId,
        long delayMilliseconds);

    [LoggerMessage(
        EventId = 2004,
        EventName = "IdentityRetryAfterTooLongWithoutProvider",
        Level = LogLevel.Warning,
        Message = "AgentCore Identity {Operation}: the service asked to wait {RetryAfterMilliseconds} ms (Retry-After), longer than Retry.MaxDelay of {MaxDelayMilliseconds} ms, so the call is not retried")]
    private static partial void RetryAfterTooLongWithoutProvider(ILogger logger, string operation, long retryAfterMilliseconds, long maxDelayMilliseconds);
}
