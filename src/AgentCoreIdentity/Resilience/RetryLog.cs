using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Resilience;

/// <summary>Log messages of the retry policy. Event ids 2001 to 2099 belong to it and never change meaning.</summary>
internal static partial class RetryLog
{
    [LoggerMessage(
        EventId = 2001,
        EventName = "IdentityRetryScheduled",
        Level = LogLevel.Warning,
        Message = "AgentCore Identity {Operation} for provider {ProviderName}: attempt {Attempt} of {MaxAttempts} failed with {Failure} (request id {RequestId}); retrying in {DelayMilliseconds} ms")]
    public static partial void RetryScheduled(
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
    public static partial void RetryAfterTooLong(
        ILogger logger,
        string operation,
        string providerName,
        long retryAfterMilliseconds,
        long maxDelayMilliseconds);
}
