using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AgentCoreIdentity.Emulator;

/// <summary>Thread-safe state of one emulator instance: access keys, workload identities, providers, tokens and the request log.</summary>
internal sealed class EmulatorStore
{
    private const string TokenPrefix = "emulated-wat.";

    private readonly ConcurrentDictionary<string, EmulatorAccessKey> _accessKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _apiKeyProviders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _workloads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedWorkloadAccessToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private long _sequence;

    public EmulatorStore(TimeProvider time, TimeSpan tokenLifetime, TimeSpan consentSessionLifetime)
    {
        Time = time;
        TokenLifetime = tokenLifetime;
        OAuth2 = new OAuth2State(time, consentSessionLifetime);
    }

    public TimeProvider Time { get; }

    public TimeSpan TokenLifetime { get; }

    /// <summary>OAuth2 credential providers, consent sessions and the token vault.</summary>
    public OAuth2State OAuth2 { get; }

    /// <summary>Base address that authorization URLs point at; set once the server listens.</summary>
    public Uri? ConsentBaseAddress { get; set; }

    public void AddAccessKey(EmulatorAccessKey key) => _accessKeys[key.AccessKeyId] = key;

    public EmulatorAccessKey? FindAccessKey(string accessKeyId) => _accessKeys.GetValueOrDefault(accessKeyId);

    public void AddApiKeyProvider(string name, string apiKey) => _apiKeyProviders[name] = apiKey;

    public string? FindApiKey(string providerName) => _apiKeyProviders.GetValueOrDefault(providerName);

    public void AddWorkloadIdentity(string name, IReadOnlyList<string> allowedReturnUrls) => _workloads[name] = allowedReturnUrls;

    public IReadOnlyList<string>? FindWorkloadIdentity(string name) => _workloads.GetValueOrDefault(name);

    public string IssueToken(string workloadName, string? userId, string? userToken)
    {
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        _tokens[token] = new IssuedWorkloadAccessToken(workloadName, userId, userToken, Time.GetUtcNow() + TokenLifetime);
        return token;
    }

    /// <summary>Returns what a token stands for, or <c>null</c> when it is unknown or expired.</summary>
    public IssuedWorkloadAccessToken? FindToken(string token)
    {
        if (!_tokens.TryGetValue(token, out var issued) || issued.ExpiresAt <= Time.GetUtcNow())
        {
            return null;
        }

        return issued;
    }

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Record(RecordedRequest request) => _requests.Enqueue(request);

    public IReadOnlyList<RecordedRequest> Requests => _requests.OrderBy(request => request.Sequence).ToArray();

    public void ClearRequests() => _requests.Clear();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
