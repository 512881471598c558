using System.Collections.Concurrent;
using AgentCoreIdentity.DataPlane;

namespace AgentCoreIdentity.Tests.Http;

/// <summary>
/// A data plane whose <c>GetResourceOauth2Token</c> runs a test's delegate, and which records those requests in a
/// thread-safe queue, for handler tests with concurrent requests.
/// </summary>
internal sealed class ScriptedOAuth2DataPlane(Func<GetResourceOauth2TokenRequest, GetResourceOauth2TokenResponse> respond) : IIdentityDataPlane
{
    private readonly ConcurrentQueue<GetResourceOauth2TokenRequest> _requests = new();

    public IReadOnlyList<GetResourceOauth2TokenRequest> Requests => [.. _requests];

    public string Region => "us-east-1";

    /// <summary>Returns <c>oauth-for-</c> followed by the request's workload access token, so tokens differ per invocation.</summary>
    public static ScriptedOAuth2DataPlane TokenPerWorkloadAccessToken() =>
        new(request => new GetResourceOauth2TokenResponse("oauth-for-" + request.WorkloadIdentityToken, null, null, null));

    public Task<GetResourceOauth2TokenResponse> GetResourceOauth2TokenAsync(GetResourceOauth2TokenRequest request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        return Task.FromResult(respond(request));
    }

    public Task<string> GetResourceApiKeyAsync(GetResourceApiKeyRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This test data plane serves OAuth2 tokens only.");

    public Task CompleteResourceTokenAuthAsync(CompleteResourceTokenAuthRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This test data plane serves OAuth2 tokens only.");

    public Task<string> GetWorkloadAccessTokenAsync(GetWorkloadAccessTokenRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This test data plane serves OAuth2 tokens only.");
}
