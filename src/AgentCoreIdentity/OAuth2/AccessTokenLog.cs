using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity;

/// <summary>
/// Log events of OAuth2 token requests. They carry provider names, session URIs and counts, never a token, an
/// authorization URL, a custom-state value or a custom-parameter value.
/// </summary>
internal static partial class AccessTokenLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Credential provider {ProviderName} needs the user's consent (session {SessionUri}); waiting for it: {Waiting}")]
    public static partial void ConsentRequired(ILogger logger, string providerName, string sessionUri, bool waiting);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug,
        Message = "Consent session {SessionUri} of credential provider {ProviderName} is still in progress after poll {Poll}")]
    public static partial void ConsentPending(ILogger logger, string providerName, string sessionUri, int poll);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information,
        Message = "Consent session {SessionUri} of credential provider {ProviderName} returned a token after {Polls} polls")]
    public static partial void ConsentCompleted(ILogger logger, string providerName, string sessionUri, int polls);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
        Message = "Consent session {SessionUri} of credential provider {ProviderName} failed")]
    public static partial void ConsentFailed(ILogger logger, string providerName, string sessionUri);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning,
        Message = "Consent session {SessionUri} of credential provider {ProviderName} timed out after {Polls} polls")]
    public static partial void ConsentTimedOut(ILogger logger, string providerName, string sessionUri, int polls);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning,
        Message = "Poll {Poll} of consent session {SessionUri} (credential provider {ProviderName}) failed with {ErrorCode}; polling again after the interval")]
    public static partial void PollFailedTransiently(ILogger logger, Exception exception, string providerName, string sessionUri, int poll, string errorCode);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Information,
        Message = "Bound consent session {SessionUri} to its user by {UserIdentifierMember}")]
    public static partial void SessionBound(ILogger logger, string sessionUri, string userIdentifierMember);
}
