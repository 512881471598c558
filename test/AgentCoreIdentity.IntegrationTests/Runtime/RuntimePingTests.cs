using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentCoreIdentity.IntegrationTests.Runtime;

public class RuntimePingTests : SecretScanningTest
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 2, 8, 30, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;
    private RuntimeTestHost _host = null!;

    [SetUp]
    public void CreateClock() => _time = new FakeTimeProvider(T0);

    [TearDown]
    public async Task StopHost()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task StartAsync(
        Func<EchoRequest, AgentCoreRequestContext, CancellationToken, Task<EchoResponse>> handler,
        Action<IServiceCollection>? configureServices = null) =>
        _host = await RuntimeTestHost.StartAsync(
            Scan,
            app => app.MapAgentCoreRuntime(handler),
            services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                configureServices?.Invoke(services);
            });

    private async Task<(string Status, long Time, string Raw)> PingAsync()
    {
        using var response = await _host.Client.GetAsync("ping");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var raw = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(raw);
        return (body.RootElement.GetProperty("status").GetString()!, body.RootElement.GetProperty("time_of_last_update").GetInt64(), raw);
    }

    [Test]
    public async Task Ping_body_has_integer_seconds_C11()
    {
        await StartAsync((request, context, _) => Task.FromResult(new EchoResponse(request.Prompt, context.RequestId, null, null)));
        _time.Advance(TimeSpan.FromMinutes(3));

        var first = await PingAsync();
        _time.Advance(TimeSpan.FromMinutes(3));
        var second = await PingAsync();

        first.Raw.Should().Be($"{{\"status\":\"Healthy\",\"time_of_last_update\":{T0.ToUnixTimeSeconds()}}}");
        second.Time.Should().Be(T0.ToUnixTimeSeconds());
    }

    [Test]
    public async Task Ping_reports_busy_while_tracked_work_runs_C11()
    {
        var release = new TaskCompletionSource();
        TrackedWork? work = null;
        await StartAsync((request, context, _) =>
        {
            var tracker = _host.Services.GetRequiredService<BackgroundWorkTracker>();
            work = tracker.Start(context, async (_, cancellationToken) =>
            {
                await release.Task.WaitAsync(cancellationToken);
                throw new InvalidOperationException("the long job failed at the end");
            });
            return Task.FromResult(new EchoResponse(request.Prompt, context.RequestId, null, null));
        });
        _time.Advance(TimeSpan.FromSeconds(40));
        var t1 = _time.GetUtcNow().ToUnixTimeSeconds();

        using var invocation = await _host.Client.PostAsync("invocations", new StringContent("""{"prompt":"long job"}"""));
        invocation.StatusCode.Should().Be(HttpStatusCode.OK);
        _time.Advance(TimeSpan.FromSeconds(30));
        var during = await PingAsync();
        _time.Advance(TimeSpan.FromSeconds(30));
        var t2 = _time.GetUtcNow().ToUnixTimeSeconds();
        release.SetResult();
        var status = await work!.Completion;
        _time.Advance(TimeSpan.FromSeconds(30));
        var after = await PingAsync();

        during.Status.Should().Be("HealthyBusy");
        during.Time.Should().Be(t1);
        status.Should().Be(TrackedWorkStatus.Failed);
        after.Status.Should().Be("Healthy");
        after.Time.Should().Be(t2);
    }

    [Test]
    public async Task Ping_uses_registered_status_source()
    {
        var source = new QueueLengthStatusSource();
        await StartAsync(
            (request, context, _) => Task.FromResult(new EchoResponse(request.Prompt, context.RequestId, null, null)),
            services => services.AddSingleton<IAgentCorePingStatusSource>(source));

        source.QueueLength = 4;
        _time.Advance(TimeSpan.FromSeconds(5));
        var busy = await PingAsync();
        source.QueueLength = 0;
        var idle = await PingAsync();

        busy.Status.Should().Be("HealthyBusy");
        busy.Time.Should().Be(T0.AddSeconds(5).ToUnixTimeSeconds());
        idle.Status.Should().Be("Healthy");
    }

    [Test]
    public async Task Forced_status_is_reported()
    {
        await StartAsync((request, context, _) => Task.FromResult(new EchoResponse(request.Prompt, context.RequestId, null, null)));
        var ping = _host.Services.GetRequiredService<AgentCorePingService>();

        ping.ForceStatus(AgentCorePingStatus.HealthyBusy);
        var forced = await PingAsync();
        ping.ClearForcedStatus();
        var cleared = await PingAsync();

        forced.Status.Should().Be("HealthyBusy");
        cleared.Status.Should().Be("Healthy");
    }

    [Test]
    public async Task Host_shutdown_cancels_tracked_work()
    {
        var started = new TaskCompletionSource();
        TrackedWork? work = null;
        await StartAsync((request, context, _) =>
        {
            work = _host.Services.GetRequiredService<BackgroundWorkTracker>().Start(context, async (_, cancellationToken) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            });
            return Task.FromResult(new EchoResponse(request.Prompt, context.RequestId, null, null));
        });

        using var invocation = await _host.Client.PostAsync("invocations", new StringContent("""{"prompt":"until shutdown"}"""));
        await started.Task;
        await _host.DisposeAsync();
        _host = null!;

        work!.Status.Should().Be(TrackedWorkStatus.Canceled);
    }

    private sealed class QueueLengthStatusSource : IAgentCorePingStatusSource
    {
        public int QueueLength { get; set; }

        public async ValueTask<AgentCorePingStatus?> GetStatusAsync(CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return QueueLength > 0 ? AgentCorePingStatus.HealthyBusy : null;
        }
    }
}
