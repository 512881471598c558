namespace AgentCoreIdentity;

/// <summary>
/// Health status that <c>GET /ping</c> reports to AgentCore Runtime. The runtime keeps a session's microVM alive
/// while it reports <see cref="HealthyBusy"/>, and may stop an idle session that reports <see cref="Healthy"/>.
/// </summary>
public enum AgentCorePingStatus
{
    /// <summary>Ready for invocations and running no background work (<c>"Healthy"</c> on the wire).</summary>
    Healthy,

    /// <summary>Ready for invocations and running background work (<c>"HealthyBusy"</c> on the wire).</summary>
    HealthyBusy,
}
