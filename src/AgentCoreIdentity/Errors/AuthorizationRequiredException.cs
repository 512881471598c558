namespace AgentCoreIdentity;

/// <summary>
/// Thrown by <see cref="AccessTokenProvider.GetAccessTokenAsync"/> when a <see cref="OAuth2Flow.UserFederation"/>
/// request needs the user's consent and <see cref="AccessTokenRequest.OnAuthorizationUrl"/> is not set, so the
/// provider does not wait. The host sends <see cref="AuthorizationUrl"/> to the user and asks again later.
/// </summary>
/// <remarks>
/// The authorization URL is a secret: it is never part of <see cref="Exception.Message"/> or <see cref="Exception.ToString"/>.
/// </remarks>
public sealed class AuthorizationRequiredException : AgentCoreIdentityException
{
    internal AuthorizationRequiredException(Uri authorizationUrl, string sessionUri, string providerName)
        : base(AgentCoreIdentityErrorCodes.AuthorizationRequired, BuildMessage(sessionUri, providerName))
    {
        AuthorizationUrl = authorizationUrl;
        SessionUri = sessionUri;
        Operation = "GetResourceOauth2Token";
        ProviderName = providerName;
    }

    /// <summary>URL the user must open to consent. A secret: send it only to the user who started the flow.</summary>
    public Uri AuthorizationUrl { get; }

    /// <summary>
    /// Consent session. Pass it as <see cref="AccessTokenRequest.SessionUri"/> to continue the flow, and to
    /// <see cref="AccessTokenProvider.CompleteResourceTokenAuthAsync(AgentCoreRequestContext, string, CancellationToken)"/>
    /// when the return URL receives it.
    /// </summary>
    public string SessionUri { get; }

    private static string BuildMessage(string sessionUri, string providerName) =>
        $"GetResourceOauth2Token for credential provider '{providerName}' needs the user's consent (session {sessionUri}), "
        + "and no OnAuthorizationUrl callback was set, so the SDK did not wait. Send AuthorizationUrl to the user who "
        + "started this request. After consent, AgentCore Identity sends the browser to the return URL with the "
        + "session_id query parameter; that endpoint calls CompleteResourceTokenAuthAsync for the same user. Then "
        + "request the token again, with SessionUri set to this session.";
}
