using System.Text;
using System.Text.Json;
using AgentCoreIdentity.DataPlane;

namespace AgentCoreIdentity.Tests.OAuth2;

/// <summary>
/// A data plane that returns <c>GetResourceOauth2Token</c> responses or errors from a script, records every request
/// with its exact body, and lets a test await the arrival of the n-th request.
/// </summary>
internal sealed class ScriptedDataPlane : IIdentityDataPlane
{
    private readonly Queue<Func<CancellationToken, Task<GetResourceOauth2TokenResponse>>> _tokenResponses = new();
    private readonly List<IdentityRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly Lock _gate = new();

    public string Region => "us-east-1";

    /// <summary>Thrown by <c>CompleteResourceTokenAuth</c> when set.</summary>
    public Exception? CompleteError { get; set; }

    public IReadOnlyList<IdentityRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Bodies of the recorded requests as parsed JSON, for member-by-member comparison.</summary>
    public IReadOnlyList<JsonElement> Bodies => Requests.Select(Parse).ToArray();

    public ScriptedDataPlane Respond(string json)
    {
        _tokenResponses.Enqueue(_ => Task.FromResult(FromJson(json)));
        return this;
    }

    public ScriptedDataPlane Fail(Exception error)
    {
        _tokenResponses.Enqueue(_ => throw error);
        return this;
    }

    /// <summary>Adds a response that never arrives: the call ends only when its cancellation token is cancelled.</summary>
    public ScriptedDataPlane RespondNever()
    {
        _tokenResponses.Enqueue(async cancellationToken =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("An infinite delay ended without cancellation.");
        });
        return this;
    }

    /// <summary>Completes once at least <paramref name="count"/> requests have arrived.</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_gate)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    public Task<GetResourceOauth2TokenResponse> GetResourceOauth2TokenAsync(GetResourceOauth2TokenRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Record(request);
        if (!_tokenResponses.TryDequeue(out var next))
        {
            throw new InvalidOperationException($"The script has no response left for request {Requests.Count}.");
        }

        return next(cancellationToken);
    }

    public Task CompleteResourceTokenAuthAsync(CompleteResourceTokenAuthRequest request, CancellationToken cancellationToken)
    {
        Record(request);
        return CompleteError is null ? Task.CompletedTask : Task.FromException(CompleteError);
    }

    public Task<string> GetResourceApiKeyAsync(GetResourceApiKeyRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<string> GetWorkloadAccessTokenAsync(GetWorkloadAccessTokenRequest request, CancellationToken cancellationToken)
    {
        Record(request);
        return Task.FromResult("minted-token");
    }

    public static JsonElement Parse(IdentityRequest request) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(JsonWriting.Serialize(request))).RootElement.Clone();

    private void Record(IdentityRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            foreach (var waiter in _waiters.Where(waiter => _requests.Count >= waiter.Count).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    private static GetResourceOauth2TokenResponse FromJson(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        string? Member(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new GetResourceOauth2TokenResponse(Member("accessToken"), Member("authorizationUrl"), Member("sessionUri"), Member("sessionStatus"));
    }
}
