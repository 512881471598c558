namespace AgentCoreIdentity.Tests.Hosting;

/// <summary>A ping status source that runs a test's delegate and counts its calls.</summary>
internal sealed class ScriptedPingStatusSource(Func<CancellationToken, ValueTask<AgentCorePingStatus?>> answer) : IAgentCorePingStatusSource
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<AgentCorePingStatus?> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return answer(cancellationToken);
    }

    public static ScriptedPingStatusSource Returning(AgentCorePingStatus? status) => new(_ => ValueTask.FromResult(status));
}
