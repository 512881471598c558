namespace AgentCoreIdentity;

/// <summary>Status reported by <c>GET /ping</c>, with the time the status last changed.</summary>
/// <param name="Status">Current status.</param>
/// <param name="LastUpdate">Time of the last status change, from the service's <see cref="TimeProvider"/>.</param>
public readonly record struct AgentCorePingSnapshot(AgentCorePingStatus Status, DateTimeOffset LastUpdate)
{
    /// <summary>
    /// <see cref="LastUpdate"/> in whole Unix seconds, the <c>time_of_last_update</c> member of the <c>/ping</c> body.
    /// </summary>
    public long TimeOfLastUpdate => LastUpdate.ToUnixTimeSeconds();
}
