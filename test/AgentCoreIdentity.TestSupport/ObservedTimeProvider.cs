using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AgentCoreIdentity.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it, so a test can wait until the code under
/// test has started a delay or a timeout, then advance the clock by exactly that much, with no sleeps.
/// </summary>
/// <remarks>
/// A test can wait in two ways: <see cref="NextTimerAsync"/> returns the due times one at a time, and
/// <see cref="WaitForTimersAsync"/> waits until a number of timers exist. Each keeps its own count of the timers.
/// </remarks>
public sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _timersCreated;

    /// <summary>Creates a clock that starts at the fake clock's default time.</summary>
    public ObservedTimeProvider()
    {
    }

    /// <summary>Creates a clock that starts at <paramref name="startDateTime"/>, such as the real time for signature checks.</summary>
    public ObservedTimeProvider(DateTimeOffset startDateTime)
        : base(startDateTime)
    {
    }

    /// <summary>Due times of the timers created so far, in creation order; infinite timers included.</summary>
    public ChannelReader<TimeSpan> CreatedTimers => _timers.Reader;

    /// <summary>Number of timers created so far, infinite ones included.</summary>
    public int TimersCreated
    {
        get
        {
            lock (_gate)
            {
                return _timersCreated;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        lock (_gate)
        {
            _timersCreated++;
            foreach (var waiter in _waiters.Where(waiter => _timersCreated >= waiter.Count).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Waits for the next timer whose due time is finite and positive, and returns that due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(cancellationToken);
            if (due > TimeSpan.Zero && due != Timeout.InfiniteTimeSpan)
            {
                return due;
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> timers have been created on this clock.</summary>
    public Task WaitForTimersAsync(int count)
    {
        lock (_gate)
        {
            if (_timersCreated >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }
}
