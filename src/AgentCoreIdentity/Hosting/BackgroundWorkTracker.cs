using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentCoreIdentity;

/// <summary>
/// Runs background work for an invocation after its response has been sent, and keeps <c>/ping</c> at
/// <see cref="AgentCorePingStatus.HealthyBusy"/> while any such work runs, so that AgentCore Runtime does not stop
/// the session under it.
/// </summary>
/// <remarks>
/// <para>
/// The work receives the invocation's <see cref="AgentCoreRequestContext"/> as an argument and runs on the thread
/// pool without the request's execution context: no <c>HttpContext</c>, logging scope or other ambient value of the
/// request reaches it, so everything it needs must come from the record. Log messages written during the work carry
/// a scope with the work id and the runtime request and session ids.
/// </para>
/// <para>
/// A failure of the work is logged with the request id and ends its busy period; it is never rethrown. When the host
/// stops, every running work is canceled through its token, and shutdown waits up to
/// <see cref="AgentCoreRuntimeOptions.ShutdownDrainTimeout"/> for it to end. Thread-safe; register it as a
/// singleton and as a hosted service, which <c>AddAgentCoreRuntime</c> does.
/// </para>
/// </remarks>
public sealed class BackgroundWorkTracker : IHostedService
{
    private const string DefaultWorkName = "unnamed";

    private static readonly Func<ILogger, long, string, string?, IDisposable?> WorkScope =
        LoggerMessage.DefineScope<long, string, string?>("Background work {WorkId} of request {RequestId} in session {SessionId}");

    private readonly AgentCorePingService _ping;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _drainTimeout;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, TrackedWork> _running = [];
    private long _lastId;
    private bool _stopping;

    /// <summary>Creates a tracker.</summary>
    /// <param name="ping">Ping service whose automatic status reflects the running work.</param>
    /// <param name="timeProvider">Clock for durations and the shutdown drain timeout.</param>
    /// <param name="options">Settings; <c>null</c> uses the defaults.</param>
    /// <param name="logger">Logs starts, failures and shutdown; <c>null</c> logs nothing.</param>
    public BackgroundWorkTracker(
        AgentCorePingService ping,
        TimeProvider timeProvider,
        AgentCoreRuntimeOptions? options = null,
        ILogger<BackgroundWorkTracker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ping);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new AgentCoreRuntimeOptions();
        options.Validate();

        _ping = ping;
        _timeProvider = timeProvider;
        _drainTimeout = options.ShutdownDrainTimeout;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Number of works that have started and not yet ended.</summary>
    public int RunningCount
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Returns the works that have started and not yet ended, oldest first.</summary>
    public IReadOnlyList<TrackedWork> GetRunningWork()
    {
        lock (_gate)
        {
            return _running.Values.OrderBy(work => work.Id).ToArray();
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> on the thread pool and returns at once. The ping status is
    /// <see cref="AgentCorePingStatus.HealthyBusy"/> from before this method returns until the work ends.
    /// </summary>
    /// <param name="context">Context of the invocation the work belongs to; it is passed to <paramref name="work"/>.</param>
    /// <param name="work">
    /// The work. It receives <paramref name="context"/> and a token that is canceled by <see cref="TrackedWork.Cancel"/>
    /// and by host shutdown.
    /// </param>
    /// <param name="name">Short name for log messages, such as <c>summarize-pull-requests</c>; never a secret.</param>
    /// <returns>A handle to follow or cancel the work.</returns>
    /// <exception cref="InvalidOperationException">The host is stopping, so no new work can start.</exception>
    public TrackedWork Start(
        AgentCoreRequestContext context,
        Func<AgentCoreRequestContext, CancellationToken, Task> work,
        string? name = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);

        TrackedWork tracked;
        IDisposable busy;
        lock (_gate)
        {
            if (_stopping)
            {
                throw new InvalidOperationException(
                    $"Background work for request {context.RequestId} was not started because the host is stopping. "
                    + "Finish the invocation without background work, or report an error to the caller.");
            }

            tracked = new TrackedWork(++_lastId, string.IsNullOrWhiteSpace(name) ? DefaultWorkName : name, context, _timeProvider.GetUtcNow());
            _running.Add(tracked.Id, tracked);
            busy = _ping.MarkBusy();
        }

        HostingLog.WorkStarted(_logger, tracked.Id, tracked.Name, tracked.RequestId);
        if (ExecutionContext.IsFlowSuppressed())
        {
            _ = Task.Run(() => RunAsync(tracked, context, work, busy));
        }
        else
        {
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => RunAsync(tracked, context, work, busy));
            }
        }

        return tracked;
    }

    /// <summary>Does nothing: work can start as soon as the tracker exists.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stops accepting work, cancels every running work, and waits for them to end, for at most
    /// <see cref="AgentCoreRuntimeOptions.ShutdownDrainTimeout"/> or until <paramref name="cancellationToken"/> is
    /// canceled. Work still running then is abandoned, and its request ids are logged.
    /// </summary>
    /// <param name="cancellationToken">Canceled by the host when its own shutdown timeout passes.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        TrackedWork[] running;
        lock (_gate)
        {
            _stopping = true;
            running = [.. _running.Values];
        }

        if (running.Length == 0)
        {
            return;
        }

        HostingLog.DrainStarted(_logger, running.Length, _drainTimeout);
        foreach (var work in running)
        {
            try
            {
                work.Cancel();
            }
            catch (AggregateException ex)
            {
                // A callback registered on the work's token threw; the other works must still be canceled.
                HostingLog.CancellationCallbackFailed(_logger, work.Id, work.Name, work.RequestId, ex);
            }
        }

        try
        {
            await Task.WhenAll(running.Select(work => work.Completion))
                .WaitAsync(_drainTimeout, _timeProvider, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Reported below together with the host-timeout case.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout passed first; the host goes on stopping either way.
        }

        var abandoned = running.Where(work => !work.Completion.IsCompleted).ToArray();
        if (abandoned.Length > 0)
        {
            var requestIds = string.Join(", ", abandoned.Select(work => work.RequestId));
            HostingLog.DrainIncomplete(_logger, abandoned.Length, requestIds);
        }
    }

    private async Task RunAsync(
        TrackedWork tracked,
        AgentCoreRequestContext context,
        Func<AgentCoreRequestContext, CancellationToken, Task> work,
        IDisposable busy)
    {
        var startedAt = _timeProvider.GetTimestamp();
        var status = TrackedWorkStatus.Failed;
        Exception? failure = null;
        using var scope = WorkScope(_logger, tracked.Id, tracked.RequestId, tracked.SessionId);
        try
        {
            var task = work(context, tracked.CancellationToken)
                ?? throw new InvalidOperationException("The background work delegate returned null instead of a Task.");
            await task.ConfigureAwait(false);
            status = TrackedWorkStatus.Succeeded;
            HostingLog.WorkSucceeded(_logger, tracked.Id, tracked.Name, tracked.RequestId, _timeProvider.GetElapsedTime(startedAt));
        }
        catch (OperationCanceledException) when (tracked.CancellationToken.IsCancellationRequested)
        {
            status = TrackedWorkStatus.Canceled;
            HostingLog.WorkCanceled(_logger, tracked.Id, tracked.Name, tracked.RequestId, _timeProvider.GetElapsedTime(startedAt));
        }
        catch (Exception ex)
        {
            // Background work has no caller to rethrow to: the failure is logged and kept on the handle.
            failure = ex;
            HostingLog.WorkFailed(_logger, tracked.Id, tracked.Name, tracked.RequestId, tracked.SessionId, _timeProvider.GetElapsedTime(startedAt), ex);
        }
        finally
        {
            // The busy period closes and the work leaves the running set before anyone awaiting Completion resumes.
            busy.Dispose();
            lock (_gate)
            {
                _running.Remove(tracked.Id);
            }

            tracked.Complete(status, failure);
        }
    }
}
