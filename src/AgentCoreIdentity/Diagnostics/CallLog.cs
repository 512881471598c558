using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Diagnostics;

/// <summary>
/// Log messages of Identity calls. Event ids 1001 to 1099 belong to them and never change meaning. Calls for a
/// credential provider log events 1001 to 1004, and calls without one (<c>GetWorkloadAccessToken*</c>,
/// <c>CompleteResourceTokenAuth</c>) log the same events as 1005 to 1008, whose messages leave out the provider.
/// </summary>
internal static partial class CallLog
{
    /// <summary>Logs the start of a call, with its provider when it has one.</summary>
    public static void Starting(ILogger logger, string operation, string? providerName)
    {
        if (providerName is null)
        {
            StartingWithoutProvider(logger, operation);
        }
        else
        {
            StartingForProvider(logger, operation, providerName);
        }
    }

    /// <summary>Logs a successful call, with its provider when it has one.</summary>
    public static void Succeeded(ILogger logger, string operation, string? providerName, long durationMilliseconds, int attempts, string requestId)
    {
        if (providerName is null)
        {
            SucceededWithoutProvider(logger, operation, durationMilliseconds, attempts, requestId);
        }
        else
        {
            SucceededForProvider(logger, operation, providerName, durationMilliseconds, attempts, requestId);
        }
    }

    /// <summary>Logs a failed call and its exception, with its provider when it has one.</summary>
    public static void Failed(
        ILogger logger,
        AgentCoreIdentityException exception,
        string operation,
        string? providerName,
        long durationMilliseconds,
        int attempts)
    {
        var serviceErrorCode = exception.ServiceErrorCode ?? "none";
        var statusCode = exception.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "none";
        var requestId = exception.RequestId ?? "none";
        if (providerName is null)
        {
            FailedWithoutProvider(logger, exception, operation, exception.Code, serviceErrorCode, statusCode, durationMilliseconds, attempts, requestId);
        }
        else
        {
            FailedForProvider(logger, exception, operation, providerName, exception.Code, serviceErrorCode, statusCode, durationMilliseconds, attempts, requestId);
        }
    }

    /// <summary>Logs a call that the caller cancelled, with its provider when it has one.</summary>
    public static void Cancelled(ILogger logger, string operation, string? providerName, long durationMilliseconds, int attempts)
    {
        if (providerName is null)
        {
            CancelledWithoutProvider(logger, operation, durationMilliseconds, attempts);
        }
        else
        {
            CancelledForProvider(logger, operation, providerName, durationMilliseconds, attempts);
        }
    }

    [LoggerMessage(
        EventId = 1001,
        EventName = "IdentityCallStarting",
        Level = LogLevel.Debug,
        Message = "AgentCore Identity {Operation} for provider {ProviderName} starting")]
    private static partial void StartingForProvider(ILogger logger, string operation, string providerName);

    [LoggerMessage(
        EventId = 1002,
        EventName = "IdentityCallSucceeded",
        Level = LogLevel.Debug,
        Message = "AgentCore Identity {Operation} for provider {ProviderName} succeeded in {DurationMilliseconds} ms after {Attempts} attempt(s) (request id {RequestId})")]
    private static partial void SucceededForProvider(
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
    private static partial void FailedForProvider(
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
    private static partial void CancelledForProvider(ILogger logger, string operation, string providerName, long durationMilliseconds, int attempts);

    [LoggerMessage(
        EventId = 1005,
        EventName = "IdentityCallStartingWithoutProvider",
        Level = LogLevel.Debug,
        Message = "AgentCore Identity {Operation} starting")]
    private static partial void StartingWithoutProvider(ILogger logger, string operation);

    [LoggerMessage(
        EventId = 1006,
        EventName = "IdentityCallSucceededWithoutProvider",
        Level = LogLevel.Debug,
        Message = "AgentCore Identity {Operation} succeeded in {DurationMilliseconds} ms after {Attempts} attempt(s) (request id {RequestId})")]
    private static partial void SucceededWithoutProvider(ILogger logger, string operation, long durationMilliseconds, int attempts, string requestId);

    [LoggerMessage(
        EventId = 1007,
        EventName = "IdentityCallFailedWithoutProvider",
        Level = LogLevel.Warning,
        Message = "AgentCore Identity {Operation} failed with {ErrorCode} (service error {ServiceErrorCode}, HTTP {StatusCode}) in {DurationMilliseconds} ms after {Attempts} attempt(s) (request id {RequestId})")]
    private static partial void FailedWithoutProvider(
        ILogger logger,
        Exception exception,
        string operation,
        string errorCode,
        string serviceErrorCode,
        string statusCode,
        long durationMilliseconds,
        int attempts,
        string requestId);

    [LoggerMessage(
        EventId = 1008,
        EventName = "IdentityCallCancelledWithoutProvider",
        Level = LogLevel.Debug,
        Message = "AgentCore Identity {Operation} was cancelled by the caller after {DurationMilliseconds} ms and {Attempts} attempt(s)")]
    private static partial void CancelledWithoutProvider(ILogger logger, string operation, long durationMilliseconds, int attempts);
}
