namespace AgentCoreIdentity;

/// <summary>
/// Retry and timeout settings of Identity calls. Throttling (HTTP 429 and the AWS throttling error codes), HTTP
/// 500, 502, 503 and 504, transport failures and attempt timeouts are retried with exponential backoff and full
/// jitter. A <c>Retry-After</c> header from the service replaces the computed delay. No other error is retried.
/// </summary>
public sealed class AgentCoreIdentityRetryOptions
{
    /// <summary>Maximum number of attempts per call, including the first: 1 to 10. The default is 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Backoff base. Before retry <c>n</c> (1 for the first retry) the client waits a random time between zero
    /// and <c>min(MaxDelay, BaseDelay * 2^(n-1))</c>. The default is 1 second; zero retries at once.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Maximum wait between two attempts, 0 to 5 minutes. The default is 20 seconds. When the service requests a longer
    /// wait in <c>Retry-After</c>, the call is not retried and fails with that delay in
    /// <see cref="IdentityServiceException.RetryAfter"/>.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Time limit of one attempt, from sending the request to reading the whole response: 10 milliseconds to 1 day.
    /// An attempt that runs over it is cancelled and retried. The default is 10 seconds.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Time limit of a whole call, with every attempt and every wait between attempts: 10 milliseconds to 1 day, and
    /// at least <see cref="AttemptTimeout"/>. The default is 40 seconds, enough for three attempts that each run
    /// into the default attempt timeout, plus the waits between them.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(40);
}
