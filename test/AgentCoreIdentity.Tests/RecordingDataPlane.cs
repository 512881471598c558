using AgentCoreIdentity.DataPlane;

namespace AgentCoreIdentity.Tests;

/// <summary>A data plane that records every request and returns fixed values, for tests that must see no HTTP at all.</summary>
internal sealed class RecordingDataPlane : IIdentityDataPlane
{
    private readonly List<IdentityRequest> _requests = [];

    public IReadOnlyList<IdentityRequest> Requests => _requests;

    public string Region => "us-east-1";

    public string ApiKey { get; init; } = "stored-api-key";

    public Task<string> GetResourceApiKeyAsync(GetResourceApiKeyRequest request, CancellationToken cancellationToken)
    {
        _requests.Add(request);
        return Task.FromResult(ApiKey);
    }

    public Task<GetResourceOauth2TokenResponse> GetResourceOauth2TokenAsync(GetResourceOauth2TokenRequest request, CancellationToken cancellationToken)
    {
        _requests.Add(request);
        return Task.FromResult(new GetResourceOauth2TokenResponse("access-token", null, null, null));
    }

    public Task CompleteResourceTokenAuthAsync(CompleteResourceTokenAuthRequest request, CancellationToken cancellationToken)
    {
        _requests.Add(request);
        return Task.CompletedTask;
    }

    public Task<string> GetWorkloadAccessTokenAsync(GetWorkloadAccessTokenRequest request, CancellationToken cancellationToken)
    {
        _requests.Add(request);
        return Task.FromResult("minted-token");
    }
}
