using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AgentCoreIdentity.Tests.Hosting;

public class AgentCorePingServiceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;

    [SetUp]
    public void CreateClock() => _time = new FakeTimeProvider(T0);

    private AgentCorePingService CreateService(IAgentCorePingStatusSource? source = null, FakeLogger<AgentCorePingService>? logger = null) =>
        new(_time, source, new AgentCoreRuntimeOptions { PingStatusSourceTimeout = TimeSpan.FromSeconds(1) }, logger);

    [Test]
    public async Task Ping_starts_healthy_at_creation_time()
    {
        var ping = CreateService();

        var snapshot = await ping.GetStatusAsync();

        snapshot.Status.Should().Be(AgentCorePingStatus.Healthy);
        snapshot.TimeOfLastUpdate.Should().Be(T0.ToUnixTimeSeconds());
    }

    [Test]
    public async Task Pings_do_not_move_timestamp_C11()
    {
        var ping = CreateService();

        _time.Advance(TimeSpan.FromMinutes(5));
        var first = await ping.GetStatusAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await ping.GetStatusAsync();

        first.TimeOfLastUpdate.Should().Be(T0.ToUnixTimeSeconds());
        second.TimeOfLastUpdate.Should().Be(T0.ToUnixTimeSeconds());
    }

    [Test]
    public async Task Busy_period_stamps_start_and_end_C11()
    {
        var ping = CreateService();

        _time.Advance(TimeSpan.FromSeconds(10));
        var t1 = _time.GetUtcNow().ToUnixTimeSeconds();
        var busy = ping.MarkBusy();
        _time.Advance(TimeSpan.FromSeconds(30));
        var during = await ping.GetStatusAsync();
        _time.Advance(TimeSpan.FromSeconds(15));
        var t2 = _time.GetUtcNow().ToUnixTimeSeconds();
        busy.Dispose();
        _time.Advance(TimeSpan.FromSeconds(20));
        var after = await ping.GetStatusAsync();

        during.Status.Should().Be(AgentCorePingStatus.HealthyBusy);
        during.TimeOfLastUpdate.Should().Be(t1);
        after.Status.Should().Be(AgentCorePingStatus.Healthy);
        after.TimeOfLastUpdate.Should().Be(t2);
    }

    [Test]
    public void Overlapping_busy_periods_end_with_last()
    {
        var ping = CreateService();
        var first = ping.MarkBusy();
        var t1 = _time.GetUtcNow();

        _time.Advance(TimeSpan.FromSeconds(5));
        var second = ping.MarkBusy();
        _time.Advance(TimeSpan.FromSeconds(5));
        first.Dispose();
        var afterFirst = ping.Current;
        _time.Advance(TimeSpan.FromSeconds(5));
        second.Dispose();

        afterFirst.Should().Be(new AgentCorePingSnapshot(AgentCorePingStatus.HealthyBusy, t1));
        ping.Current.Should().Be(new AgentCorePingSnapshot(AgentCorePingStatus.Healthy, _time.GetUtcNow()));
        ping.BusyCount.Should().Be(0);
    }

    [Test]
    public void Busy_period_disposed_twice_counts_once()
    {
        var ping = CreateService();
        var first = ping.MarkBusy();
        using var second = ping.MarkBusy();

        first.Dispose();
        first.Dispose();

        ping.BusyCount.Should().Be(1);
        ping.Current.Status.Should().Be(AgentCorePingStatus.HealthyBusy);
    }

    [Test]
    public async Task Forced_status_wins_over_busy_work()
    {
        var ping = CreateService();
        using var busy = ping.MarkBusy();
        _time.Advance(TimeSpan.FromSeconds(7));

        ping.ForceStatus(AgentCorePingStatus.Healthy);
        var snapshot = await ping.GetStatusAsync();

        snapshot.Should().Be(new AgentCorePingSnapshot(AgentCorePingStatus.Healthy, _time.GetUtcNow()));
        ping.ForcedStatus.Should().Be(AgentCorePingStatus.Healthy);
    }

    [Test]
    public void Forcing_current_status_keeps_timestamp()
    {
        var ping = CreateService();
        _time.Advance(TimeSpan.FromSeconds(7));

        ping.ForceStatus(AgentCorePingStatus.Healthy);

        ping.Current.LastUpdate.Should().Be(T0);
    }

    [Test]
    public void Clearing_forced_status_restores_automatic()
    {
        var ping = CreateService();
        ping.ForceStatus(AgentCorePingStatus.HealthyBusy);
        _time.Advance(TimeSpan.FromSeconds(3));

        ping.ClearForcedStatus();

        ping.ForcedStatus.Should().BeNull();
        ping.Current.Should().Be(new AgentCorePingSnapshot(AgentCorePingStatus.Healthy, _time.GetUtcNow()));
    }

    [Test]
    public void ForceStatus_rejects_undefined_value()
    {
        var ping = CreateService();

        var force = () => ping.ForceStatus((AgentCorePingStatus)42);

        force.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("status");
    }

    [Test]
    public async Task Status_source_wins_over_automatic()
    {
        var ping = CreateService(ScriptedPingStatusSource.Returning(AgentCorePingStatus.HealthyBusy));
        _time.Advance(TimeSpan.FromSeconds(4));

        var snapshot = await ping.GetStatusAsync();

        snapshot.Should().Be(new AgentCorePingSnapshot(AgentCorePingStatus.HealthyBusy, _time.GetUtcNow()));
    }

    [Test]
    public async Task Status_source_null_defers_to_automatic()
    {
        var source = ScriptedPingStatusSource.Returning(null);
        var ping = CreateService(source);
        using var busy = ping.MarkBusy();

        var snapshot = await ping.GetStatusAsync();

        snapshot.Status.Should().Be(AgentCorePingStatus.HealthyBusy);
        source.Calls.Should().Be(1);
    }

    [Test]
    public async Task Forced_status_skips_status_source()
    {
        var source = ScriptedPingStatusSource.Returning(AgentCorePingStatus.HealthyBusy);
        var ping = CreateService(source);
        ping.ForceStatus(AgentCorePingStatus.Healthy);

        var snapshot = await ping.GetStatusAsync();

        snapshot.Status.Should().Be(AgentCorePingStatus.Healthy);
        source.Calls.Should().Be(0);
    }

    [Test]
    public async Task Failing_status_source_reports_automatic_and_warns_once()
    {
        var logger = new FakeLogger<AgentCorePingService>();
        var source = new ScriptedPingStatusSource(_ => throw new InvalidOperationException("queue unavailable"));
        var ping = CreateService(source, logger);
        using var busy = ping.MarkBusy();

        var first = await ping.GetStatusAsync();
        var second = await ping.GetStatusAsync();

        first.Status.Should().Be(AgentCorePingStatus.HealthyBusy);
        second.Status.Should().Be(AgentCorePingStatus.HealthyBusy);
        var records = logger.Collector.GetSnapshot();
        records.Should().HaveCount(2);
        records[0].Level.Should().Be(LogLevel.Warning);
        records[0].Id.Id.Should().Be(3001);
        records[0].Exception.Should().BeOfType<InvalidOperationException>();
        records[1].Level.Should().Be(LogLevel.Debug);
    }

    [Test]
    public async Task Slow_status_source_times_out()
    {
        var logger = new FakeLogger<AgentCorePingService>();
        var never = new TaskCompletionSource<AgentCorePingStatus?>();
        var source = new ScriptedPingStatusSource(_ => new ValueTask<AgentCorePingStatus?>(never.Task));
        var ping = CreateService(source, logger);

        var pending = ping.GetStatusAsync().AsTask();
        pending.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(1));
        var snapshot = await pending;

        snapshot.Should().Be(new AgentCorePingSnapshot(AgentCorePingStatus.Healthy, T0));
        logger.LatestRecord.Id.Id.Should().Be(3002);
        logger.LatestRecord.Level.Should().Be(LogLevel.Warning);
    }

    [Test]
    public async Task Status_source_sees_timeout_as_cancellation()
    {
        var canceled = new TaskCompletionSource();
        var source = new ScriptedPingStatusSource(async cancellationToken =>
        {
            await using var registration = cancellationToken.Register(() => canceled.TrySetResult());
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return AgentCorePingStatus.HealthyBusy;
        });
        var ping = CreateService(source);

        var pending = ping.GetStatusAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(1));
        var snapshot = await pending;

        await canceled.Task;
        snapshot.Status.Should().Be(AgentCorePingStatus.Healthy);
    }

    [Test]
    public async Task Recovered_status_source_is_logged()
    {
        var logger = new FakeLogger<AgentCorePingService>();
        var fail = true;
        var source = new ScriptedPingStatusSource(_ => fail
            ? throw new InvalidOperationException("down")
            : ValueTask.FromResult<AgentCorePingStatus?>(AgentCorePingStatus.HealthyBusy));
        var ping = CreateService(source, logger);

        await ping.GetStatusAsync();
        fail = false;
        var snapshot = await ping.GetStatusAsync();

        snapshot.Status.Should().Be(AgentCorePingStatus.HealthyBusy);
        logger.LatestRecord.Id.Id.Should().Be(3003);
    }

    [Test]
    public async Task Undefined_status_from_source_is_ignored()
    {
        var logger = new FakeLogger<AgentCorePingService>();
        var ping = CreateService(ScriptedPingStatusSource.Returning((AgentCorePingStatus)9), logger);

        var snapshot = await ping.GetStatusAsync();

        snapshot.Status.Should().Be(AgentCorePingStatus.Healthy);
        logger.LatestRecord.Exception!.Message.Should().Contain("not a defined AgentCorePingStatus");
    }

    [Test]
    public async Task Canceled_ping_throws_without_logging()
    {
        var logger = new FakeLogger<AgentCorePingService>();
        var source = new ScriptedPingStatusSource(async cancellationToken =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        });
        var ping = CreateService(source, logger);
        using var cancellation = new CancellationTokenSource();

        var pending = ping.GetStatusAsync(cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await pending.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();
        logger.Collector.Count.Should().Be(0);
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Options_reject_non_positive_source_timeout(int seconds)
    {
        var options = new AgentCoreRuntimeOptions { PingStatusSourceTimeout = TimeSpan.FromSeconds(seconds) };

        var create = () => new AgentCorePingService(_time, null, options, null);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*PingStatusSourceTimeout*");
    }

    [Test]
    public void Snapshot_reports_whole_unix_seconds()
    {
        var snapshot = new AgentCorePingSnapshot(AgentCorePingStatus.Healthy, T0.AddMilliseconds(999));

        snapshot.TimeOfLastUpdate.Should().Be(T0.ToUnixTimeSeconds());
    }
}
