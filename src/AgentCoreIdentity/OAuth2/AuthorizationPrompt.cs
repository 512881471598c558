namespace AgentCoreIdentity;

/// <summary>
/// The user-consent step of a <see cref="OAuth2Flow.UserFederation"/> request, handed to
/// <see cref="AccessTokenRequest.OnAuthorizationUrl"/>. <see cref="ToString"/> prints <c>***</c> in place of the URL.
/// </summary>
public sealed class AuthorizationPrompt
{
    internal AuthorizationPrompt(Uri authorizationUrl, string sessionUri, string providerName)
    {
        AuthorizationUrl = authorizationUrl;
        SessionUri = sessionUri;
        ProviderName = providerName;
    }

    /// <summary>
    /// URL the end user must open in a browser to consent. A secret: send it only to the user who started the flow,
    /// and never log it.
    /// </summary>
    public Uri AuthorizationUrl { get; }

    /// <summary>Consent session; the return URL receives it as the <c>session_id</c> query parameter.</summary>
    public string SessionUri { get; }

    /// <summary>Credential provider the consent is for.</summary>
    public string ProviderName { get; }

    /// <summary>Prints the provider and session, with <c>***</c> in place of the URL.</summary>
    public override string ToString() =>
        $"AuthorizationPrompt {{ ProviderName = {ProviderName}, SessionUri = {SessionUri}, AuthorizationUrl = {Redaction.Marker} }}";
}
