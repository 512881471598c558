namespace AgentCoreIdentity.SampleAgent.Health;

/// <summary>
/// Health status for <c>GET /ping</c>: <c>HealthyBusy</c> while background jobs run, <c>Healthy</c> otherwise. The
/// timestamp changes only when the status changes, so that the platform's idle timer measures real activity.
/// </summary>
public sealed class PingTracker
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int _running;
    private long _lastUpdate;

    public PingTracker(TimeProvider time)
    {
        _time = time;
        _lastUpdate = time.GetUtcNow().ToUnixTimeSeconds();
    }

    /// <summary>Returns the current status and the Unix time in seconds of its last change.</summary>
    public (string Status, long TimeOfLastUpdate) Current
    {
        get
        {
            lock (_gate)
            {
                return (_running > 0 ? "HealthyBusy" : "Healthy", _lastUpdate);
            }
        }
    }

    /// <summary>Marks one more job as running.</summary>
    public void JobStarted()
    {
        lock (_gate)
        {
            if (_running++ == 0)
            {
                _lastUpdate = _time.GetUtcNow().ToUnixTimeSeconds();
            }
        }
    }

    /// <summary>Marks one job as ended, whether it succeeded or failed.</summary>
    public void JobEnded()
    {
        lock (_gate)
        {
            if (--_running == 0)
            {
                _lastUpdate = _time.GetUtcNow().ToUnixTimeSeconds();
            }
        }
    }
}
