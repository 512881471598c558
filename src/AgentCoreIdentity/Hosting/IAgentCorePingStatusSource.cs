namespace AgentCoreIdentity;

/// <summary>
/// Application code that decides the <c>/ping</c> status, for example from a queue length. Register one in the
/// service collection; <see cref="AgentCorePingService"/> queries it on every ping.
/// </summary>
/// <remarks>
/// A forced status (<see cref="AgentCorePingService.ForceStatus"/>) wins over this source, and this source wins over
/// the automatic status derived from tracked background work. A source that throws, or that does not return within
/// <see cref="AgentCoreRuntimeOptions.PingStatusSourceTimeout"/>, is skipped for that ping and the failure is logged.
/// </remarks>
public interface IAgentCorePingStatusSource
{
    /// <summary>Returns the status to report, or <c>null</c> to report the automatic status.</summary>
    /// <param name="cancellationToken">Canceled when the ping request ends or the timeout passes.</param>
    ValueTask<AgentCorePingStatus?> GetStatusAsync(CancellationToken cancellationToken = default);
}
