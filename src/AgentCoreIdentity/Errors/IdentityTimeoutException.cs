namespace AgentCoreIdentity;

/// <summary>
/// A call ran out of time: every attempt exceeded <see cref="AgentCoreIdentityRetryOptions.AttemptTimeout"/>, or all
/// attempts and the waits between them exceeded <see cref="AgentCoreIdentityRetryOptions.TotalTimeout"/>.
/// </summary>
/// <remarks>
/// Cancellation through the caller's <see cref="CancellationToken"/> is not a timeout: it surfaces as
/// <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class IdentityTimeoutException : IdentityServiceUnavailableException
{
    internal IdentityTimeoutException(string message, IdentityTimeoutKind kind, TimeSpan timeout, Exception? innerException)
        : base(AgentCoreIdentityErrorCodes.Timeout, message, innerException)
    {
        Kind = kind;
        Timeout = timeout;
    }

    /// <summary>Which time budget ran out.</summary>
    public IdentityTimeoutKind Kind { get; }

    /// <summary>The budget that ran out.</summary>
    public TimeSpan Timeout { get; }
}
