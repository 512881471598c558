using System.Net;
using System.Net.Http.Json;
using AgentCoreIdentity.SampleAgent;
using AgentCoreIdentity.SampleAgent.Demo;
using AgentCoreIdentity.SampleAgent.Jobs;
using AgentCoreIdentity.SampleAgent.Tool;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// The plain sample's <c>GET /ping</c> while long background work runs. The tool API keeps the job's call waiting at a
/// gate, and <c>/ping</c> keeps answering <c>HealthyBusy</c> until the job ends. No check depends on timing.
/// </summary>
public class SampleAgentPingTests : SecretScanningTest
{
    private EmulatorEnvironment _environment = null!;
    private TaskCompletionSource _toolGate = null!;
    private ToolServer _tool = null!;
    private SampleAgentHost _agent = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartServers()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        _toolGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tool = await ToolServer.StartAsync(_environment.ApiKey, _toolGate.Task);
        var settings = new SampleAgentSettings { Port = 0, ApiKeyProviderName = EmulatorEnvironment.ProviderName, ToolBaseUrl = _tool.Endpoint };
        _agent = await SampleAgentHost.StartAsync(settings, _environment.Configure, Scan.ConfigureLogging);
        _http = new HttpClient { BaseAddress = _agent.Endpoint };
    }

    [TearDown]
    public async Task StopServers()
    {
        _toolGate.TrySetResult();
        _http.Dispose();
        await _agent.DisposeAsync();
        await _tool.DisposeAsync();
        await _environment.DisposeAsync();
    }

    private async Task<SampleAgentApp.PingResponse> PingAsync()
    {
        using var response = await _http.GetAsync("ping");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<SampleAgentApp.PingResponse>())!;
    }

    private async Task<string> InvokeAsync(string? provider = null)
    {
        var invocation = PlatformInvocation.LoadEmbedded().WithWorkloadAccessToken(_environment.IssueToken());
        if (provider is not null)
        {
            invocation = invocation with { Body = $"{{\"prompt\":\"summarise\",\"provider\":\"{provider}\"}}" };
        }

        using var response = await _http.SendAsync(invocation.ToHttpRequest(_agent.Endpoint));
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SampleAgentApp.InvocationAccepted>())!.JobId;
    }

    private async Task<JobOutcome> WaitForJobAsync(string jobId) =>
        (await _http.GetFromJsonAsync<JobOutcome>($"jobs/{jobId}?waitSeconds=60"))!;

    [Test]
    public async Task Ping_answers_busy_while_job_is_held()
    {
        var idle = await PingAsync();

        var jobId = await InvokeAsync();
        await _environment.Emulator.WaitForRequestsAsync(1);
        var whileHeld = new List<SampleAgentApp.PingResponse>();
        for (var ping = 0; ping < 10; ping++)
        {
            whileHeld.Add(await PingAsync());
        }

        var jobWhileHeld = await _http.GetFromJsonAsync<JobOutcome>($"jobs/{jobId}");
        _toolGate.SetResult();
        var finished = await WaitForJobAsync(jobId);
        var after = await PingAsync();

        idle.Status.Should().Be("Healthy");
        jobWhileHeld!.Status.Should().Be("Running", "the gate still holds the job's tool call");
        whileHeld.Should().OnlyContain(ping => ping.Status == "HealthyBusy", "/ping answers while the job is held");
        whileHeld.Select(ping => ping.TimeOfLastUpdate).Distinct().Should().ContainSingle("pings do not move T1");
        whileHeld[0].TimeOfLastUpdate.Should().BeGreaterThanOrEqualTo(idle.TimeOfLastUpdate);
        finished.Status.Should().Be("Succeeded");
        _tool.AuthorizedRequests.Should().Be(1);
        after.Status.Should().Be("Healthy");
        after.TimeOfLastUpdate.Should().BeGreaterThanOrEqualTo(whileHeld[0].TimeOfLastUpdate);
    }

    [Test]
    public async Task Ping_is_healthy_after_failed_job()
    {
        var jobId = await InvokeAsync(provider: "no-such-provider");
        var finished = await WaitForJobAsync(jobId);
        var after = await PingAsync();

        finished.Status.Should().Be("Failed");
        finished.Error!.Code.Should().Be(AgentCoreIdentityErrorCodes.ResourceNotFound);
        after.Status.Should().Be("Healthy", "a job that throws still ends its busy period");
        _tool.AuthorizedRequests.Should().Be(0);
    }
}
