using System.Buffers.Text;
using System.Security.Cryptography;

namespace AgentCoreIdentity.Emulator;

/// <summary>
/// Thread-safe OAuth2 state of one emulator: credential providers, consent sessions, and the token vault that keeps
/// a token per workload, provider and user once consent is bound.
/// </summary>
internal sealed class OAuth2State
{
    /// <summary>Number of random bytes in a consent id. 256 bits cannot be guessed.</summary>
    private const int ConsentIdBytes = 32;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SeedOAuth2Provider> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConsentSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sessionIdsByConsentId = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Workload, string Provider, string User), string> _vault = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _sessionLifetime;

    public OAuth2State(TimeProvider time, TimeSpan sessionLifetime)
    {
        _time = time;
        _sessionLifetime = sessionLifetime;
    }

    public void AddProvider(SeedOAuth2Provider provider)
    {
        lock (_gate)
        {
            _providers[provider.Name] = provider;
        }
    }

    public SeedOAuth2Provider? FindProvider(string name)
    {
        lock (_gate)
        {
            return _providers.GetValueOrDefault(name);
        }
    }

    /// <summary>Returns the vault's token for the user of <paramref name="issued"/>, or <c>null</c> before consent is bound.</summary>
    public string? FindVaultToken(IssuedWorkloadAccessToken issued, string providerName)
    {
        lock (_gate)
        {
            return _vault.GetValueOrDefault((issued.WorkloadName, providerName, UserKey(issued.UserToken, issued.UserId)));
        }
    }

    public ConsentSession Start(IssuedWorkloadAccessToken issued, string providerName, string returnUrl, string? customState)
    {
        var session = new ConsentSession
        {
            Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18)),
            ConsentId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ConsentIdBytes)),
            WorkloadName = issued.WorkloadName,
            UserId = issued.UserId,
            UserToken = issued.UserToken,
            ProviderName = providerName,
            ReturnUrl = returnUrl,
            CustomState = customState,
            ExpiresAt = _time.GetUtcNow() + _sessionLifetime,
        };

        lock (_gate)
        {
            _sessions[session.Id] = session;
            _sessionIdsByConsentId[session.ConsentId] = session.Id;
        }

        return session;
    }

    /// <summary>
    /// Returns the session whose authorization URL ends in <paramref name="consentId"/>. A session id or URI finds
    /// nothing here. An expired session comes back as <see cref="ConsentSessionStatus.Failed"/>.
    /// </summary>
    public ConsentSession? FindByConsentId(string consentId)
    {
        lock (_gate)
        {
            return _sessionIdsByConsentId.TryGetValue(consentId, out var sessionId) ? FindLocked(sessionId) : null;
        }
    }

    /// <summary>Returns a session by its URI or id; an expired one comes back as <see cref="ConsentSessionStatus.Failed"/>.</summary>
    public ConsentSession? Find(string sessionUriOrId)
    {
        lock (_gate)
        {
            return FindLocked(sessionUriOrId);
        }
    }

    /// <summary>Moves a session to <paramref name="status"/> when it is in <paramref name="expected"/>; returns whether it moved.</summary>
    public bool TryMove(string sessionUriOrId, ConsentSessionStatus expected, ConsentSessionStatus status)
    {
        lock (_gate)
        {
            var current = FindLocked(sessionUriOrId);
            if (current is null || current.Status != expected)
            {
                return false;
            }

            _sessions[current.Id] = current with { Status = status };
            return true;
        }
    }

    /// <summary>Marks a session that has not been bound as failed; returns whether it was found in such a state.</summary>
    public bool TryFail(string sessionUriOrId)
    {
        lock (_gate)
        {
            var current = FindLocked(sessionUriOrId);
            if (current is null || current.Status == ConsentSessionStatus.Bound)
            {
                return false;
            }

            _sessions[current.Id] = current with { Status = ConsentSessionStatus.Failed };
            return true;
        }
    }

    /// <summary>Binds a consented session to its user and stores the provider's token in the vault for that user.</summary>
    public bool TryBind(string sessionUri, string? userToken, string? userId)
    {
        lock (_gate)
        {
            var current = FindLocked(sessionUri);
            if (current is null
                || current.Status != ConsentSessionStatus.Consented
                || !current.IsStartedBy(userToken, userId)
                || !_providers.TryGetValue(current.ProviderName, out var provider))
            {
                return false;
            }

            _sessions[current.Id] = current with { Status = ConsentSessionStatus.Bound };
            _vault[(current.WorkloadName, current.ProviderName, UserKey(current.UserToken, current.UserId))] = provider.AccessToken;
            return true;
        }
    }

    private ConsentSession? FindLocked(string sessionUriOrId)
    {
        var id = sessionUriOrId.StartsWith(ConsentSession.SessionUriPrefix, StringComparison.Ordinal)
            ? sessionUriOrId[ConsentSession.SessionUriPrefix.Length..]
            : sessionUriOrId;
        if (!_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (session.Status is ConsentSessionStatus.Pending or ConsentSessionStatus.Consented && session.ExpiresAt <= _time.GetUtcNow())
        {
            session = session with { Status = ConsentSessionStatus.Failed };
            _sessions[id] = session;
        }

        return session;
    }

    /// <summary>
    /// Keys a vault entry by the JWT or user id itself. The real service keys JWT users by the token's issuer and
    /// subject, so two JWTs of one user share an entry there but not here.
    /// </summary>
    private static string UserKey(string? userToken, string? userId) => userToken is not null ? "jwt:" + userToken : "id:" + userId;
}
