using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AgentCoreIdentity.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it, so a test can wait until the code under
/// test has started a delay or a timeout, then advance the clock by exactly that much, with no sleeps.
/// </summary>
public sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
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
}
