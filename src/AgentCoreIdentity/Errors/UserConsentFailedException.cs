namespace AgentCoreIdentity;

/// <summary>
/// AgentCore Identity reported a user-consent session as <c>FAILED</c>, for example because the user denied
/// consent or the identity provider rejected the authorization. Polling stopped at once.
/// </summary>
public sealed class UserConsentFailedException : AgentCoreIdentityException
{
    internal UserConsentFailedException(string sessionUri, string providerName)
        : base(
            AgentCoreIdentityErrorCodes.UserConsentFailed,
            $"GetResourceOauth2Token for credential provider '{providerName}' reported consent session {sessionUri} as FAILED. The user may "
            + "have denied consent, or the identity provider rejected the authorization. Start a new flow; if it fails "
            + "again, check the credential provider's client configuration and scopes.")
    {
        SessionUri = sessionUri;
        Operation = "GetResourceOauth2Token";
        ProviderName = providerName;
    }

    /// <summary>The failed consent session.</summary>
    public string SessionUri { get; }
}
