using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentCoreIdentity;

/// <summary>
/// Decides the status that <c>GET /ping</c> reports to AgentCore Runtime, and the time it last changed.
/// </summary>
/// <remarks>
/// <para>
/// The status comes from the first of these that has one: a status forced with <see cref="ForceStatus"/>, the
/// registered <see cref="IAgentCorePingStatusSource"/>, and the automatic status, which is
/// <see cref="AgentCorePingStatus.HealthyBusy"/> while at least one busy period (<see cref="MarkBusy"/>, or work
/// started with <see cref="BackgroundWorkTracker"/>) is open.
/// </para>
/// <para>
/// The timestamp changes only when the reported status changes. The runtime's idle timer relies on this: a timestamp
/// renewed on every ping would keep an idle session alive, and one never renewed would let a busy session be
/// stopped. Thread-safe; register it as a singleton.
/// </para>
/// </remarks>
public sealed class AgentCorePingService
{
    private readonly TimeProvider _timeProvider;
    private readonly IAgentCorePingStatusSource? _statusSource;
    private readonly TimeSpan _statusSourceTimeout;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private int _busyCount;
    private AgentCorePingStatus? _forcedStatus;
    private AgentCorePingStatus? _sourceStatus;
    private bool _sourceFailing;
    private AgentCorePingStatus _status = AgentCorePingStatus.Healthy;
    private DateTimeOffset _lastUpdate;

    /// <summary>Creates a service with no status source, for use without dependency injection.</summary>
    /// <param name="timeProvider">Clock for the <c>time_of_last_update</c> timestamps.</param>
    public AgentCorePingService(TimeProvider timeProvider)
        : this(timeProvider, statusSource: null, options: null, logger: null)
    {
    }

    /// <summary>Creates a service that queries <paramref name="statusSource"/> on every ping.</summary>
    /// <param name="timeProvider">Clock for the timestamps and the status source timeout.</param>
    /// <param name="statusSource">Application status source, or <c>null</c> for none.</param>
    /// <param name="options">Settings; <c>null</c> uses the defaults.</param>
    /// <param name="logger">Logs status source failures; <c>null</c> logs nothing.</param>
    public AgentCorePingService(
        TimeProvider timeProvider,
        IAgentCorePingStatusSource? statusSource,
        AgentCoreRuntimeOptions? options,
        ILogger<AgentCorePingService>? logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new AgentCoreRuntimeOptions();
        options.Validate();

        _timeProvider = timeProvider;
        _statusSource = statusSource;
        _statusSourceTimeout = options.PingStatusSourceTimeout;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _lastUpdate = timeProvider.GetUtcNow();
    }

    /// <summary>The status last reported, without querying the status source.</summary>
    public AgentCorePingSnapshot Current
    {
        get
        {
            lock (_gate)
            {
                return new AgentCorePingSnapshot(_status, _lastUpdate);
            }
        }
    }

    /// <summary>The forced status, or <c>null</c> when none is forced.</summary>
    public AgentCorePingStatus? ForcedStatus
    {
        get
        {
            lock (_gate)
            {
                return _forcedStatus;
            }
        }
    }

    /// <summary>Number of busy periods open now.</summary>
    public int BusyCount
    {
        get
        {
            lock (_gate)
            {
                return _busyCount;
            }
        }
    }

    /// <summary>
    /// Reports <paramref name="status"/> until <see cref="ClearForcedStatus"/> is called, regardless of the status
    /// source and the busy periods.
    /// </summary>
    /// <param name="status">Status to report.</param>
    public void ForceStatus(AgentCorePingStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "The ping status must be Healthy or HealthyBusy.");
        }

        lock (_gate)
        {
            _forcedStatus = status;
            UpdateStatus();
        }
    }

    /// <summary>Ends a status forced with <see cref="ForceStatus"/>; does nothing when none is forced.</summary>
    public void ClearForcedStatus()
    {
        lock (_gate)
        {
            _forcedStatus = null;
            UpdateStatus();
        }
    }

    /// <summary>
    /// Opens a busy period: the automatic status is <see cref="AgentCorePingStatus.HealthyBusy"/> until every open
    /// period is disposed. Dispose the result in a <c>finally</c> block so that failed work ends its period too;
    /// disposing it again does nothing.
    /// </summary>
    /// <returns>The busy period.</returns>
    public IDisposable MarkBusy()
    {
        lock (_gate)
        {
            _busyCount++;
            UpdateStatus();
        }

        return new BusyPeriod(this);
    }

    /// <summary>
    /// Returns the status to report now, querying the status source when no status is forced. This is what
    /// <c>GET /ping</c> sends.
    /// </summary>
    /// <param name="cancellationToken">Cancels the status source call.</param>
    /// <returns>The status and the time it last changed.</returns>
    public async ValueTask<AgentCorePingSnapshot> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        if (_statusSource is null || ForcedStatus is not null)
        {
            return Current;
        }

        var sourceStatus = await QueryStatusSourceAsync(_statusSource, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _sourceStatus = sourceStatus;
            UpdateStatus();
            return new AgentCorePingSnapshot(_status, _lastUpdate);
        }
    }

    private async Task<AgentCorePingStatus?> QueryStatusSourceAsync(IAgentCorePingStatusSource source, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_statusSourceTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // WaitAsync returns when the token is canceled even if the source ignores it, so /ping stays fast.
            var status = await source.GetStatusAsync(linked.Token).AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
            if (status is { } value && !Enum.IsDefined(value))
            {
                throw new InvalidOperationException($"The ping status source returned {(int)value}, which is not a defined AgentCorePingStatus.");
            }

            RecordSourceSucceeded();
            return status;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            RecordSourceFailed(exception: null);
            return null;
        }
        catch (Exception ex)
        {
            // The source is application code; its failure must not fail the health check.
            RecordSourceFailed(ex);
            return null;
        }
    }

    private void RecordSourceSucceeded()
    {
        bool recovered;
        lock (_gate)
        {
            recovered = _sourceFailing;
            _sourceFailing = false;
        }

        if (recovered)
        {
            HostingLog.PingStatusSourceRecovered(_logger);
        }
    }

    private void RecordSourceFailed(Exception? exception)
    {
        bool repeated;
        lock (_gate)
        {
            repeated = _sourceFailing;
            _sourceFailing = true;
        }

        // Pings arrive every few seconds, so only the first failure of a series is a warning.
        if (exception is null)
        {
            HostingLog.PingStatusSourceTimedOut(_logger, repeated ? LogLevel.Debug : LogLevel.Warning, _statusSourceTimeout);
        }
        else
        {
            HostingLog.PingStatusSourceFailed(_logger, repeated ? LogLevel.Debug : LogLevel.Warning, exception);
        }
    }

    private void EndBusyPeriod()
    {
        lock (_gate)
        {
            _busyCount--;
            UpdateStatus();
        }
    }

    /// <summary>Recomputes the reported status; the caller holds the lock.</summary>
    private void UpdateStatus()
    {
        var automatic = _busyCount > 0 ? AgentCorePingStatus.HealthyBusy : AgentCorePingStatus.Healthy;
        var status = _forcedStatus ?? _sourceStatus ?? automatic;
        if (status != _status)
        {
            _status = status;
            _lastUpdate = _timeProvider.GetUtcNow();
        }
    }

    private sealed class BusyPeriod(AgentCorePingService owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.EndBusyPeriod();
            }
        }
    }
}
