namespace AgentCoreIdentity;

/// <summary>
/// An OAuth2 access token returned by AgentCore Identity, with the request facts that produced it.
/// <see cref="ToString"/> prints <c>***</c> in place of the token.
/// </summary>
public sealed class AccessTokenResult
{
    /// <summary>Creates a result, for example in a test double of code that consumes tokens.</summary>
    /// <param name="accessToken">The token; must not be empty.</param>
    /// <param name="providerName">Credential provider that issued it.</param>
    /// <param name="flow">Flow that produced it.</param>
    /// <param name="sessionUri">Consent session that produced it, or <c>null</c> when it came without consent.</param>
    public AccessTokenResult(string accessToken, string providerName, OAuth2Flow flow, string? sessionUri = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ArgumentException.ThrowIfNullOrEmpty(providerName);
        ArgumentNullException.ThrowIfNull(flow);
        AccessToken = accessToken;
        ProviderName = providerName;
        Flow = flow;
        SessionUri = sessionUri;
    }

    /// <summary>The OAuth2 access token for the third-party API; never empty. A secret: do not log it.</summary>
    public string AccessToken { get; }

    /// <summary>Credential provider that issued the token.</summary>
    public string ProviderName { get; }

    /// <summary>Flow that produced the token.</summary>
    public OAuth2Flow Flow { get; }

    /// <summary>
    /// Consent session that produced the token, or <c>null</c> when the service returned it without a consent
    /// step (M2M, token exchange, or a token already in the vault).
    /// </summary>
    public string? SessionUri { get; }

    /// <summary>Prints the provider, flow and session, with <c>***</c> in place of the token.</summary>
    public override string ToString() =>
        $"AccessTokenResult {{ ProviderName = {ProviderName}, Flow = {Flow}, AccessToken = {Redaction.Marker}, SessionUri = {SessionUri ?? "null"} }}";
}
