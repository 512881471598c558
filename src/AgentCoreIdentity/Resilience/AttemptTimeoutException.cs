namespace AgentCoreIdentity.Resilience;

/// <summary>
/// Thrown by <see cref="IdentityAttemptHandler"/> when one attempt runs past
/// <see cref="AgentCoreIdentityRetryOptions.AttemptTimeout"/>. The retry handler retries it, and the data plane turns
/// the last one into an <see cref="IdentityTimeoutException"/> of kind <see cref="IdentityTimeoutKind.Attempt"/>.
/// </summary>
internal sealed class AttemptTimeoutException : TimeoutException
{
    public AttemptTimeoutException(string message, TimeSpan timeout, Exception innerException)
        : base(message, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The attempt timeout that ran out.</summary>
    public TimeSpan Timeout { get; }
}
