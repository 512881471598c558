namespace AgentCoreIdentity;

/// <summary>Settings of the runtime hosting helpers registered by <c>AddAgentCoreRuntime</c>.</summary>
public sealed class AgentCoreRuntimeOptions
{
    /// <summary>
    /// How long host shutdown waits for tracked background work after canceling it. Work still running after this
    /// time is abandoned and logged. The host's own shutdown timeout (30 seconds by default) also bounds the wait.
    /// Default: 10 seconds.
    /// </summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a ping waits for the registered <see cref="IAgentCorePingStatusSource"/> before it reports the
    /// automatic status instead, so that a slow source never makes <c>/ping</c> slow. Default: 1 second.
    /// </summary>
    public TimeSpan PingStatusSourceTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest accepted time span: timers and <see cref="Task.WaitAsync(TimeSpan, TimeProvider)"/> take at most this many milliseconds.</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        if (ShutdownDrainTimeout < TimeSpan.Zero || ShutdownDrainTimeout > MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(
                nameof(ShutdownDrainTimeout),
                ShutdownDrainTimeout,
                "AgentCoreRuntimeOptions.ShutdownDrainTimeout must be from zero to 24 days.");
        }

        if (PingStatusSourceTimeout <= TimeSpan.Zero || PingStatusSourceTimeout > MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(
                nameof(PingStatusSourceTimeout),
                PingStatusSourceTimeout,
                "AgentCoreRuntimeOptions.PingStatusSourceTimeout must be more than zero and at most 24 days.");
        }
    }
}
