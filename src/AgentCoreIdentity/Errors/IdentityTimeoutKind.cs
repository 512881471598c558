namespace AgentCoreIdentity;

/// <summary>The time budget that an <see cref="IdentityTimeoutException"/> reports as exceeded.</summary>
public enum IdentityTimeoutKind
{
    /// <summary>The last attempt exceeded <see cref="AgentCoreIdentityRetryOptions.AttemptTimeout"/>, and no attempt was left.</summary>
    Attempt,

    /// <summary>All attempts and the waits between them exceeded <see cref="AgentCoreIdentityRetryOptions.TotalTimeout"/>.</summary>
    Total,
}
