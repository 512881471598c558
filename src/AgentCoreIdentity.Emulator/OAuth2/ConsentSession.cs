namespace AgentCoreIdentity.Emulator;

/// <summary>
/// One emulated user-consent session of a <c>USER_FEDERATION</c> token request, from the first call to the token.
/// <see cref="ToString"/> leaves out the user JWT, the custom state and the id of the consent page.
/// </summary>
public sealed record ConsentSession
{
    /// <summary>Prefix of every session URI, from the service model's <c>RequestUri</c> pattern.</summary>
    public const string SessionUriPrefix = "urn:ietf:params:oauth:request_uri:";

    /// <summary>Random id; the session URI ends in it.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// Separate random id that only the authorization URL contains, so that a reader of the session URI, which is not
    /// a secret, cannot derive the consent page from it. A secret, like the authorization URL.
    /// </summary>
    internal string ConsentId { get; init; } = string.Empty;

    /// <summary>Workload identity of the token that started the flow.</summary>
    public required string WorkloadName { get; init; }

    /// <summary>User id that minted that token, if it was minted for a user id.</summary>
    public string? UserId { get; init; }

    /// <summary>User JWT that minted that token, if it was minted from a JWT. A secret.</summary>
    public string? UserToken { get; init; }

    /// <summary>OAuth2 credential provider the consent is for.</summary>
    public required string ProviderName { get; init; }

    /// <summary>Return URL the browser is sent to after consent.</summary>
    public required string ReturnUrl { get; init; }

    /// <summary>Custom state sent with the first call, if any. A secret.</summary>
    public string? CustomState { get; init; }

    /// <summary>Time after which the session counts as failed.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Stage of the session.</summary>
    public ConsentSessionStatus Status { get; init; } = ConsentSessionStatus.Pending;

    /// <summary>Session URI, as the service returns it in <c>sessionUri</c>.</summary>
    public string SessionUri => SessionUriPrefix + Id;

    /// <summary>Whether <paramref name="userToken"/> or <paramref name="userId"/> names the user who started the flow.</summary>
    public bool IsStartedBy(string? userToken, string? userId) =>
        UserToken is not null
            ? string.Equals(UserToken, userToken, StringComparison.Ordinal)
            : UserId is not null && string.Equals(UserId, userId, StringComparison.Ordinal);

    /// <summary>Prints the session without the user JWT, the custom state or the id of the consent page.</summary>
    public override string ToString() =>
        $"ConsentSession {{ SessionUri = {SessionUri}, WorkloadName = {WorkloadName}, ProviderName = {ProviderName}, "
        + $"UserId = {UserId ?? "null"}, UserToken = {(UserToken is null ? "null" : "***")}, Status = {Status}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>Stages of an emulated consent session.</summary>
public enum ConsentSessionStatus
{
    /// <summary>The authorization URL was returned; the user has not opened it.</summary>
    Pending,

    /// <summary>The user opened the authorization URL and was sent to the return URL.</summary>
    Consented,

    /// <summary><c>CompleteResourceTokenAuth</c> bound the session to its user; the next poll returns the token.</summary>
    Bound,

    /// <summary>The session failed or expired; polls return <c>sessionStatus: FAILED</c>.</summary>
    Failed,
}
