namespace AgentCoreIdentity.DataPlane;

/// <summary>
/// The six AgentCore Identity data-plane operations. This SDK implements them over <see cref="HttpClient"/>
/// because the official AWSSDK.BedrockAgentCore client is not available here; an adapter over that client can
/// replace <see cref="HttpIdentityDataPlane"/> without changes elsewhere.
/// </summary>
internal interface IIdentityDataPlane
{
    /// <summary>Returns the API key of a credential provider; never empty.</summary>
    Task<string> GetResourceApiKeyAsync(GetResourceApiKeyRequest request, CancellationToken cancellationToken);

    /// <summary>Returns a token, or the authorization URL and session of a user-consent flow.</summary>
    Task<GetResourceOauth2TokenResponse> GetResourceOauth2TokenAsync(GetResourceOauth2TokenRequest request, CancellationToken cancellationToken);

    /// <summary>Binds a user-consent session to the user who started it.</summary>
    Task CompleteResourceTokenAuthAsync(CompleteResourceTokenAuthRequest request, CancellationToken cancellationToken);

    /// <summary>Mints a workload access token; the request's members choose which of the three operations is called.</summary>
    Task<string> GetWorkloadAccessTokenAsync(GetWorkloadAccessTokenRequest request, CancellationToken cancellationToken);

    /// <summary>Region the operations are called in, for error messages.</summary>
    string Region { get; }
}
