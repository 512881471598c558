using Microsoft.Extensions.Time.Testing;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that lets a test await the creation of the n-th timer, so that it advances time
/// only once the code under test is waiting, without sleeping.
/// </summary>
internal sealed class SignalingTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _timers;

    public SignalingTimeProvider()
        : base(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))
    {
    }

    public int TimersCreated
    {
        get
        {
            lock (_gate)
            {
                return _timers;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _timers++;
            foreach (var waiter in _waiters.Where(waiter => _timers >= waiter.Count).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Completes once at least <paramref name="count"/> timers exist.</summary>
    public Task WaitForTimersAsync(int count)
    {
        lock (_gate)
        {
            if (_timers >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }
}
