using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AgentCoreIdentity.Tests.Hosting;

public class BackgroundWorkTrackerTests : SecretScanningTest
{
    private const string Token = "wat-secret-4f1d0c2e9b7a";
    private const string UserJwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2VjcmV0LXNpZ25hdHVyZQ";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;
    private FakeLogCollector _logs = null!;
    private ILoggerFactory _loggerFactory = null!;
    private AgentCorePingService _ping = null!;
    private BackgroundWorkTracker _tracker = null!;

    [SetUp]
    public void CreateTracker()
    {
        Scan.Register(Token, "workload access token");
        Scan.Register(UserJwt, "user JWT");
        _time = new FakeTimeProvider(T0);
        _logs = Scan.Logs;
        _loggerFactory = Scan.LoggerFactory;
        _ping = new AgentCorePingService(_time, statusSource: null, options: null, _loggerFactory.CreateLogger<AgentCorePingService>());
        _tracker = new BackgroundWorkTracker(
            _ping,
            _time,
            new AgentCoreRuntimeOptions { ShutdownDrainTimeout = TimeSpan.FromSeconds(10) },
            _loggerFactory.CreateLogger<BackgroundWorkTracker>());
    }

    private static AgentCoreRequestContext Context(string requestId = "req-0001") => new()
    {
        RequestId = requestId,
        SessionId = "session-" + new string('0', 30),
        WorkloadAccessToken = Token,
        UserToken = UserJwt,
    };

    [Test]
    public async Task Start_marks_busy_until_work_ends_C11()
    {
        var release = new TaskCompletionSource();
        _time.Advance(TimeSpan.FromSeconds(5));
        var t1 = _time.GetUtcNow();

        var work = _tracker.Start(Context(), (_, _) => release.Task, "long-job");
        var during = _ping.Current;
        _time.Advance(TimeSpan.FromSeconds(60));
        var t2 = _time.GetUtcNow();
        release.SetResult();
        var status = await work.Completion;

        during.Should().Be(new AgentCorePingSnapshot(AgentCorePingStatus.HealthyBusy, t1));
        status.Should().Be(TrackedWorkStatus.Succeeded);
        work.Status.Should().Be(TrackedWorkStatus.Succeeded);
        _ping.Current.Should().Be(new AgentCorePingSnapshot(AgentCorePingStatus.Healthy, t2));
        _tracker.RunningCount.Should().Be(0);
    }

    [Test]
    public async Task Work_receives_the_context_record()
    {
        var context = Context();
        AgentCoreRequestContext? received = null;

        var work = _tracker.Start(context, (value, _) =>
        {
            received = value;
            return Task.CompletedTask;
        });
        await work.Completion;

        received.Should().BeSameAs(context);
        work.RequestId.Should().Be("req-0001");
        work.SessionId.Should().Be(context.SessionId);
        work.StartedAt.Should().Be(T0);
    }

    [Test]
    public async Task Throwing_work_ends_busy_period_C11()
    {
        var release = new TaskCompletionSource();
        var work = _tracker.Start(Context(), async (_, _) =>
        {
            await release.Task;
            throw new InvalidOperationException("downstream failed");
        });
        _time.Advance(TimeSpan.FromSeconds(9));
        release.SetResult();

        var status = await work.Completion;

        status.Should().Be(TrackedWorkStatus.Failed);
        work.Exception.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("downstream failed");
        _ping.Current.Should().Be(new AgentCorePingSnapshot(AgentCorePingStatus.Healthy, _time.GetUtcNow()));
    }

    [Test]
    public async Task Failure_is_logged_with_request_id()
    {
        var work = _tracker.Start(Context("req-failing"), (_, _) => throw new InvalidOperationException("downstream failed"), "sync-throw");

        await work.Completion;

        var failure = _logs.GetSnapshot().Single(record => record.Level == LogLevel.Error);
        failure.Id.Id.Should().Be(3012);
        failure.Message.Should().Contain("req-failing").And.Contain("sync-throw").And.Contain(Context().SessionId!);
        failure.Exception.Should().BeSameAs(work.Exception);
    }

    [Test]
    public async Task Logs_never_contain_secrets()
    {
        var failing = _tracker.Start(Context(), (_, _) => throw new InvalidOperationException("downstream failed"));
        var succeeding = _tracker.Start(Context(), (_, _) => Task.CompletedTask);
        var canceled = _tracker.Start(Context(), (_, token) => Task.Delay(Timeout.Infinite, token));
        canceled.Cancel();

        await Task.WhenAll(failing.Completion, succeeding.Completion, canceled.Completion);

        _logs.Count.Should().BeGreaterThanOrEqualTo(6);
        foreach (var record in _logs.GetSnapshot())
        {
            var text = string.Join(" | ", record.Message, record.Exception, string.Join(",", record.Scopes), string.Join(",", record.StructuredState ?? []));
            text.Should().NotContain(Token).And.NotContain(UserJwt);
        }
    }

    [Test]
    public async Task Work_logs_carry_request_scope()
    {
        var workLogger = _loggerFactory.CreateLogger("Sample.Work");

        var work = _tracker.Start(Context("req-scoped"), (_, _) =>
        {
            workLogger.LogInformation("Summarizing");
            return Task.CompletedTask;
        });
        await work.Completion;

        var record = _logs.GetSnapshot().Single(r => r.Category == "Sample.Work");
        var scope = record.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().Single();
        scope.Should().Contain(new KeyValuePair<string, object?>("RequestId", "req-scoped"));
        scope.Should().Contain(new KeyValuePair<string, object?>("WorkId", work.Id));
    }

    [Test]
    public async Task Null_task_fails_work()
    {
        var work = _tracker.Start(Context(), (_, _) => null!);

        var status = await work.Completion;

        status.Should().Be(TrackedWorkStatus.Failed);
        work.Exception!.Message.Should().Contain("returned null");
    }

    [Test]
    public async Task Cancel_ends_work_as_canceled()
    {
        var work = _tracker.Start(Context(), (_, token) => Task.Delay(Timeout.Infinite, token));

        work.Cancel();
        var status = await work.Completion;

        status.Should().Be(TrackedWorkStatus.Canceled);
        work.Exception.Should().BeNull();
        _ping.Current.Status.Should().Be(AgentCorePingStatus.Healthy);
    }

    [Test]
    public async Task Unrequested_cancellation_is_failure()
    {
        var work = _tracker.Start(Context(), (_, _) => throw new OperationCanceledException("a timeout inside the work"));

        var status = await work.Completion;

        status.Should().Be(TrackedWorkStatus.Failed);
    }

    [Test]
    public async Task Work_runs_without_request_ambient_state()
    {
        var ambient = new AsyncLocal<string?> { Value = "request-scoped value" };
        string? seen = "not run";

        var work = _tracker.Start(Context(), (_, _) =>
        {
            seen = ambient.Value;
            return Task.CompletedTask;
        });
        await work.Completion;

        seen.Should().BeNull();
    }

    [Test]
    public async Task Start_works_inside_suppressed_flow()
    {
        TrackedWork work;
        using (ExecutionContext.SuppressFlow())
        {
            work = _tracker.Start(Context(), (_, _) => Task.CompletedTask);
        }

        (await work.Completion).Should().Be(TrackedWorkStatus.Succeeded);
    }

    [Test]
    public async Task Running_work_is_listed_oldest_first()
    {
        var release = new TaskCompletionSource();
        var first = _tracker.Start(Context("req-a"), (_, _) => release.Task, "a");
        var second = _tracker.Start(Context("req-b"), (_, _) => release.Task, "b");

        var running = _tracker.GetRunningWork();
        release.SetResult();
        await Task.WhenAll(first.Completion, second.Completion);

        running.Select(work => work.Name).Should().Equal("a", "b");
        first.ToString().Should().Be($"TrackedWork {first.Id} (a) of request req-a: Succeeded");
        _tracker.GetRunningWork().Should().BeEmpty();
    }

    [Test]
    public async Task Stop_cancels_and_drains_work()
    {
        var first = _tracker.Start(Context(), (_, token) => Task.Delay(Timeout.Infinite, token));
        var second = _tracker.Start(Context(), (_, token) => Task.Delay(Timeout.Infinite, token));

        await _tracker.StopAsync(CancellationToken.None);

        first.Status.Should().Be(TrackedWorkStatus.Canceled);
        second.Status.Should().Be(TrackedWorkStatus.Canceled);
        _ping.Current.Status.Should().Be(AgentCorePingStatus.Healthy);
        _logs.GetSnapshot().Should().Contain(record => record.Id.Id == 3014);
    }

    [Test]
    public async Task Stop_abandons_work_after_drain_timeout()
    {
        var release = new TaskCompletionSource();
        var stubborn = _tracker.Start(Context("req-stubborn"), (_, _) => release.Task);

        var stopping = _tracker.StopAsync(CancellationToken.None);
        stopping.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(10));
        await stopping;

        stubborn.Status.Should().Be(TrackedWorkStatus.Running);
        var warning = _logs.LatestRecord;
        warning.Id.Id.Should().Be(3015);
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Message.Should().Contain("req-stubborn");

        release.SetResult();
        (await stubborn.Completion).Should().Be(TrackedWorkStatus.Succeeded);
    }

    [Test]
    public async Task Stop_ends_when_host_gives_up()
    {
        var release = new TaskCompletionSource();
        var stubborn = _tracker.Start(Context("req-stubborn"), (_, _) => release.Task);
        using var hostTimeout = new CancellationTokenSource();

        var stopping = _tracker.StopAsync(hostTimeout.Token);
        await hostTimeout.CancelAsync();
        await stopping;

        _logs.LatestRecord.Id.Id.Should().Be(3015);
        release.SetResult();
        await stubborn.Completion;
    }

    [Test]
    public async Task Start_after_stop_throws()
    {
        await _tracker.StopAsync(CancellationToken.None);

        var start = () => _tracker.Start(Context("req-late"), (_, _) => Task.CompletedTask);

        start.Should().Throw<InvalidOperationException>().WithMessage("*req-late*host is stopping*");
        _ping.Current.Status.Should().Be(AgentCorePingStatus.Healthy);
    }

    [Test]
    public async Task Concurrent_starts_all_end_idle()
    {
        var release = new TaskCompletionSource();
        var works = new TrackedWork[200];

        await Parallel.ForAsync(0, works.Length, (i, _) =>
        {
            works[i] = _tracker.Start(Context($"req-{i}"), (_, _) => release.Task);
            return ValueTask.CompletedTask;
        });
        var busyWhileRunning = _ping.BusyCount;
        release.SetResult();
        await Task.WhenAll(works.Select(work => work.Completion));

        busyWhileRunning.Should().Be(works.Length);
        works.Select(work => work.Id).Should().OnlyHaveUniqueItems();
        _ping.BusyCount.Should().Be(0);
        _ping.Current.Status.Should().Be(AgentCorePingStatus.Healthy);
        _tracker.RunningCount.Should().Be(0);
    }

    [Test]
    public void Start_rejects_null_arguments()
    {
        var withoutContext = () => _tracker.Start(null!, (_, _) => Task.CompletedTask);
        var withoutWork = () => _tracker.Start(Context(), null!);

        withoutContext.Should().Throw<ArgumentNullException>().WithParameterName("context");
        withoutWork.Should().Throw<ArgumentNullException>().WithParameterName("work");
    }

    [Test]
    public void Options_reject_negative_drain_timeout()
    {
        var options = new AgentCoreRuntimeOptions { ShutdownDrainTimeout = TimeSpan.FromSeconds(-1) };

        var create = () => new BackgroundWorkTracker(_ping, _time, options);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*ShutdownDrainTimeout*");
    }
}
