namespace AgentCoreIdentity;

/// <summary>
/// Handle of one piece of background work started with <see cref="BackgroundWorkTracker.Start"/>. It contains the
/// invocation's request and session ids, never its tokens.
/// </summary>
public sealed class TrackedWork
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource<TrackedWorkStatus> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _exception;
    private int _status = (int)TrackedWorkStatus.Running;

    internal TrackedWork(long id, string name, AgentCoreRequestContext context, DateTimeOffset startedAt)
    {
        Id = id;
        Name = name;
        RequestId = context.RequestId;
        SessionId = context.SessionId;
        StartedAt = startedAt;
    }

    /// <summary>Number that identifies the work within its tracker, from 1.</summary>
    public long Id { get; }

    /// <summary>Name given to <see cref="BackgroundWorkTracker.Start"/>, used in log messages.</summary>
    public string Name { get; }

    /// <summary>Runtime request id of the invocation that started the work.</summary>
    public string RequestId { get; }

    /// <summary>Runtime session id of that invocation, when the platform sent one.</summary>
    public string? SessionId { get; }

    /// <summary>Time the work was started, from the tracker's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Current state.</summary>
    public TrackedWorkStatus Status => (TrackedWorkStatus)Volatile.Read(ref _status);

    /// <summary>The failure of a <see cref="TrackedWorkStatus.Failed"/> work, otherwise <c>null</c>.</summary>
    public Exception? Exception => Volatile.Read(ref _exception);

    /// <summary>
    /// Completes with the final status when the work has ended and its busy period is closed. It never faults, so
    /// awaiting it never throws the work's exception.
    /// </summary>
    public Task<TrackedWorkStatus> Completion => _completion.Task;

    /// <summary>Token passed to the work; canceled by <see cref="Cancel"/> and by host shutdown.</summary>
    internal CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>
    /// Requests cancellation through the token the work received. The work decides when to stop; this method does
    /// not wait for it. Does nothing once the work has ended.
    /// </summary>
    public void Cancel()
    {
        if (Status == TrackedWorkStatus.Running)
        {
            _cancellation.Cancel();
        }
    }

    /// <summary>Returns the id, name, request id and status.</summary>
    public override string ToString() => $"TrackedWork {Id} ({Name}) of request {RequestId}: {Status}";

    internal void Complete(TrackedWorkStatus status, Exception? exception)
    {
        Volatile.Write(ref _exception, exception);
        Volatile.Write(ref _status, (int)status);
        _completion.TrySetResult(status);
    }
}
