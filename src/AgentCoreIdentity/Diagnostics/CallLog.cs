using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Diagnostics;

/// <summary>Log messages of Identity calls. Event ids 1001 to 1099 belong to them and never change meaning.</summary>
internal static partial class CallLog
{
    [LoggerMessage(
        EventId = 1001,
        EventName = "IdentityCallStarting",
        Level = LogLevel.Debug,
        Message = "AgentCore Identity {Operation} for provider {ProviderName} starting")]
    public static partial void Starting(ILogger logger, string operation, string providerName);

    [LoggerMessage(
        EventId = 1002,
        EventName = "IdentityCallSucceeded",
        Level = LogLevel.Debug,
        Message = "AgentCore Identity {Operation} for provider {ProviderName} succeeded in {DurationMilliseconds} ms after {Attempts} attempt(s) (request id {RequestId})")]
    public static partial void Succeeded(
        ILogger logger,
        string operation,
        string providerName,
        long durationMilliseconds,
        int attempts,
        string requestId);

    [LoggerMessage(
        EventId = 1003,
        EventName = "IdentityCallFailed",
        Level = LogLevel.Warning,
        Message = "AgentCore Identity {Operation} for provider {ProviderName} failed with {ErrorCode} (service error {ServiceErrorCode}, HTTP {StatusCode}) in {DurationMilliseconds} ms after {Attempts} attempt(s) (request id {RequestId})")]
    public static partial void Failed(
        ILogger logger,
        Exception exception,
        string operation,
        string providerName,
        string errorCode,
        string serviceErrorCode,
        string statusCode,
        long durationMilliseconds,
        int attempts,
        string requestId);

    [LoggerMessage(
        EventId = 1004,
        EventName = "IdentityCallCancelled",
        Level = LogLevel.Debug,
        Message = "AgentCore Identity {Operation} for provider {ProviderName} was cancelled by the caller after {DurationMilliseconds} ms and {Attempts} attempt(s)")]
    public static partial void Cancelled(ILogger logger, string operation, string providerName, long durationMilliseconds, int attempts);
}
