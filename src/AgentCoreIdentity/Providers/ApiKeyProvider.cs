using AgentCoreIdentity.DataPlane;

namespace AgentCoreIdentity;

/// <summary>
/// Fetches API keys that AgentCore Identity stores in API-key credential providers, on behalf of the agent and
/// end user named by a request context's workload access token.
/// </summary>
/// <remarks>
/// Create one instance and reuse it: it is thread-safe and keeps no per-request state. The role that signs the
/// requests needs <c>bedrock-agentcore:GetResourceApiKey</c> and, because the service reads the stored key with the
/// caller's permissions, <c>secretsmanager:GetSecretValue</c> on
/// <c>arn:aws:secretsmanager:REGION:ACCOUNT:secret:bedrock-agentcore-identity!*</c>.
/// </remarks>
public sealed class ApiKeyProvider
{
    private readonly IIdentityDataPlane _dataPlane;

    /// <summary>Creates a provider with its own HTTP client, for use without dependency injection.</summary>
    /// <param name="options">Endpoint, region and credential settings.</param>
    public ApiKeyProvider(AgentCoreIdentityOptions options)
        : this(new IdentityClientFactory(options).CreateStandaloneDataPlane())
    {
    }

    internal ApiKeyProvider(IIdentityDataPlane dataPlane)
    {
        _dataPlane = dataPlane;
    }

    /// <summary>
    /// Returns the API key stored in the credential provider <paramref name="providerName"/>, with one signed
    /// <c>GetResourceApiKey</c> call that carries the context's workload access token.
    /// </summary>
    /// <param name="context">Context of the invocation the key is fetched for.</param>
    /// <param name="providerName">Name of the API-key credential provider: 1 to 128 letters, digits, '-' or '_'.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The API key; never empty. A secret: do not log it.</returns>
    /// <exception cref="ArgumentException"><paramref name="providerName"/> breaks the service's naming rules.</exception>
    /// <exception cref="MissingWorkloadAccessTokenException">The context has no workload access token; nothing was sent.</exception>
    /// <exception cref="IdentityAccessDeniedException">
    /// IAM denied the call, for example <c>secretsmanager:GetSecretValue</c>, or the service rejected the context's
    /// workload access token (<see cref="IdentityServiceException.IsWorkloadAccessTokenRejected"/>).
    /// </exception>
    /// <exception cref="IdentityResourceNotFoundException">No provider of that name exists in the region called.</exception>
    /// <exception cref="IdentityServiceException">Another service error.</exception>
    public async Task<string> GetApiKeyAsync(
        AgentCoreRequestContext context,
        string providerName,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        IdentityArguments.CheckProviderName(providerName, nameof(providerName));
        var token = IdentityArguments.RequireWorkloadAccessToken(context, IdentityOperation.GetResourceApiKey.Name, providerName);

        var request = new GetResourceApiKeyRequest(token, providerName);
        return await _dataPlane.GetResourceApiKeyAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
