using System.Globalization;

namespace AgentCoreIdentity;

/// <summary>
/// The user did not complete consent before <see cref="AgentCoreIdentityOptions.ConsentTimeout"/> elapsed, so
/// polling stopped. When the last poll failed with a transient error, it is the inner exception.
/// </summary>
public sealed class UserConsentTimeoutException : AgentCoreIdentityException
{
    internal UserConsentTimeoutException(string sessionUri, string providerName, TimeSpan timeout, int polls, Exception? lastError)
        : base(
            AgentCoreIdentityErrorCodes.UserConsentTimedOut,
            $"GetResourceOauth2Token for credential provider '{providerName}' gave up after {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s "
            + $"and {polls.ToString(CultureInfo.InvariantCulture)} polls: consent session {sessionUri} was still in progress. The user "
            + "did not finish consent, or the return URL endpoint did not call CompleteResourceTokenAuthAsync. Check that "
            + "endpoint, or raise AgentCoreIdentityOptions.ConsentTimeout.",
            lastError)
    {
        SessionUri = sessionUri;
        Timeout = timeout;
        Operation = "GetResourceOauth2Token";
        ProviderName = providerName;
    }

    /// <summary>The consent session that was still in progress.</summary>
    public string SessionUri { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
