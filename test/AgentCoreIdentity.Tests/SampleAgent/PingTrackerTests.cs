using AgentCoreIdentity.SampleAgent;
using AgentCoreIdentity.SampleAgent.Health;
using AgentCoreIdentity.SampleAgent.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AgentCoreIdentity.Tests.SampleAgent;

/// <summary>
/// The plain sample's <c>/ping</c> status: <c>Healthy</c> at T0 until work starts, <c>HealthyBusy</c> with T1 while
/// jobs run, and <c>Healthy</c> with T2 when the last one ends, whether it succeeded or failed. Times are integer Unix
/// seconds and change only with the status.
/// </summary>
public class PingTrackerTests
{
    /// <summary>2026-01-01T00:00:00.750Z, so that the tracker must drop the milliseconds.</summary>
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_750);

    private const long T0 = 1_767_225_600;

    private FakeTimeProvider _time = null!;
    private PingTracker _ping = null!;

    [SetUp]
    public void CreateTracker()
    {
        _time = new FakeTimeProvider(Start);
        _ping = new PingTracker(_time);
    }

    [Test]
    public void New_tracker_is_healthy_at_T0()
    {
        _ping.Current.Should().Be(("Healthy", T0));
    }

    [Test]
    public void Pings_keep_T0()
    {
        for (var ping = 0; ping < 5; ping++)
        {
            _time.Advance(TimeSpan.FromMinutes(7));

            _ping.Current.Should().Be(("Healthy", T0), "reading the status is not activity");
        }
    }

    [Test]
    public void Job_start_is_busy_at_T1()
    {
        _time.Advance(TimeSpan.FromSeconds(30));

        _ping.JobStarted();

        _ping.Current.Should().Be(("HealthyBusy", T0 + 30));
    }

    [Test]
    public void Job_end_is_healthy_at_T2()
    {
        _time.Advance(TimeSpan.FromSeconds(30));
        _ping.JobStarted();
        _time.Advance(TimeSpan.FromSeconds(45));
        var whileBusy = _ping.Current;

        _ping.JobEnded();

        whileBusy.Should().Be(("HealthyBusy", T0 + 30), "pings during the job keep T1");
        _ping.Current.Should().Be(("Healthy", T0 + 75));
    }

    [Test]
    public void Overlapping_jobs_keep_one_busy_period()
    {
        _time.Advance(TimeSpan.FromSeconds(10));
        _ping.JobStarted();
        _time.Advance(TimeSpan.FromSeconds(10));
        _ping.JobStarted();
        _time.Advance(TimeSpan.FromSeconds(10));
        _ping.JobEnded();
        var oneLeft = _ping.Current;
        _time.Advance(TimeSpan.FromSeconds(10));

        _ping.JobEnded();

        oneLeft.Should().Be(("HealthyBusy", T0 + 10), "the busy period began with the first job");
        _ping.Current.Should().Be(("Healthy", T0 + 40), "the busy period ended with the last job");
    }

    private static IEnumerable<TestCaseData> FailingJobs()
    {
        yield return new TestCaseData(null, null, AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken)
            .SetArgDisplayNames("no workload access token");
        yield return new TestCaseData("wat-ping", new ThrowingClientFactory(new InvalidOperationException("The tool client is misconfigured.")), "UNEXPECTED")
            .SetArgDisplayNames("unexpected exception");
        yield return new TestCaseData("wat-ping", new ThrowingClientFactory(new HttpRequestException("Connection refused.")), "TOOL")
            .SetArgDisplayNames("tool API unreachable");
    }

    [TestCaseSource(nameof(FailingJobs))]
    public async Task Failing_job_ends_busy_period(string? workloadAccessToken, IHttpClientFactory? httpClients, string errorCode)
    {
        var settings = new SampleAgentSettings { ToolBaseUrl = new Uri("http://127.0.0.1:9/") };
        var jobs = new JobStore();
        var worker = new PullRequestWorker(
            new ApiKeyProvider(new RecordingDataPlane()),
            httpClients ?? new ThrowingClientFactory(new InvalidOperationException("No tool call is expected.")),
            settings,
            jobs,
            _ping,
            NullLogger<PullRequestWorker>.Instance);
        var context = new AgentCoreRequestContext { WorkloadAccessToken = workloadAccessToken };
        var item = new WorkItem("job-1", context, new InvocationPayload("summarise", "acme/web", "task"), WorkerKind.Task);
        jobs.Add(JobOutcome.Running(item.JobId, "Task", context, settings.ApiKeyProviderName));
        _time.Advance(TimeSpan.FromSeconds(5));
        _ping.JobStarted();
        _time.Advance(TimeSpan.FromSeconds(20));

        await worker.RunAsync(item);

        var outcome = await jobs.GetAsync(item.JobId, TimeSpan.Zero, CancellationToken.None);
        outcome!.Status.Should().Be("Failed");
        outcome.Error!.Code.Should().Be(errorCode);
        _ping.Current.Should().Be(("Healthy", T0 + 25), "a job that throws still ends its busy period");
    }

    /// <summary>An <see cref="IHttpClientFactory"/> whose clients fail every request, or that fails to create one.</summary>
    private sealed class ThrowingClientFactory(Exception error) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) =>
            error is HttpRequestException ? new HttpClient(new FailingHandler(error)) : throw error;

        private sealed class FailingHandler(Exception error) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromException<HttpResponseMessage>(error);
        }
    }
}
