using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentCoreIdentity.SampleAgent;
using AgentCoreIdentity.SampleAgent.Demo;
using AgentCoreIdentity.SampleAgent.Jobs;
using AgentCoreIdentity.SampleAgent.Runtime;
using AgentCoreIdentity.SampleAgent.Tool;
using Microsoft.Extensions.DependencyInjection;

namespace AgentCoreIdentity.IntegrationTests;

public class SampleAgentRuntimeStyleTests : SecretScanningTest
{
    private const string FileSessionId = "8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001";
    private const string FileRequestId = "3f1b9a7e-2c4d-4e8f-a6b5-0d9c8e7f6a5b";
    private const string ConflictingToken = "token-value-one";

    private EmulatorEnvironment _environment = null!;
    private ToolServer _tool = null!;
    private SampleAgentHost _agent = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartServers()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        _tool = await ToolServer.StartAsync(_environment.ApiKey);
        var settings = new SampleAgentSettings
        {
            Port = 0,
            ApiKeyProviderName = EmulatorEnvironment.ProviderName,
            ToolBaseUrl = _tool.Endpoint,
            Style = SampleAgentStyle.Runtime,
        };
        _agent = await SampleAgentHost.StartAsync(settings, _environment.Configure, Scan.ConfigureLogging);
        _http = new HttpClient { BaseAddress = _agent.Endpoint };
    }

    [TearDown]
    public async Task StopServers()
    {
        _http.Dispose();
        await _agent.DisposeAsync();
        await _tool.DisposeAsync();
        await _environment.DisposeAsync();
    }

    private HttpRequestMessage PlatformInvocation(string body, Func<PlatformInvocation, PlatformInvocation>? change = null)
    {
        var invocation = SampleAgent.Demo.PlatformInvocation.LoadEmbedded().WithWorkloadAccessToken(_environment.IssueToken()) with { Body = body };
        return (change?.Invoke(invocation) ?? invocation).ToHttpRequest(_agent.Endpoint);
    }

    private void ShouldHaveSentOneSignedKeyRequest()
    {
        var keyRequests = _environment.Emulator.ReceivedRequests.Where(r => r.Operation == "GetResourceApiKey").ToArray();
        keyRequests.Should().ContainSingle();
        keyRequests[0].SignatureValid.Should().BeTrue();
        keyRequests[0].StatusCode.Should().Be(200);
    }

    [Test]
    public async Task Platform_invocation_calls_tool_with_key()
    {
        using var request = PlatformInvocation("""{"prompt":"summarise","repository":"acme/web"}""");

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync(RuntimeSampleJsonContext.Default.RuntimeInvocationResponse))!;
        result.Status.Should().Be("Succeeded");
        result.RequestId.Should().Be(FileRequestId);
        result.SessionId.Should().Be(FileSessionId);
        result.Tool!.StatusCode.Should().Be(200);
        result.Tool.OpenPullRequests.Should().Be(3);
        ShouldHaveSentOneSignedKeyRequest();
        _tool.AuthorizedRequests.Should().Be(1);
        var logs = Scan.Logs.GetSnapshot();
        logs.Should().Contain(record => record.Category == "AgentCoreIdentity.Calls", "the SDK's logs reach the secret scan");
        logs.Should().Contain(record => record.Category!.StartsWith("System.Net.Http.HttpClient." + ToolClient.HttpClientName, StringComparison.Ordinal)
            && record.Level == Microsoft.Extensions.Logging.LogLevel.Trace, "the tool client's header records reach the secret scan");
    }

    [Test]
    public async Task Background_job_runs_under_tracker()
    {
        using var request = PlatformInvocation("""{"prompt":"summarise","background":true}""");

        using var response = await _http.SendAsync(request);
        var accepted = (await response.Content.ReadFromJsonAsync(RuntimeSampleJsonContext.Default.RuntimeInvocationResponse))!;
        var outcome = (await _http.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}?waitSeconds=30"))!;
        var tracker = _agent.Services.GetRequiredService<BackgroundWorkTracker>();
        await Task.WhenAll(tracker.GetRunningWork().Select(work => work.Completion));
        using var ping = JsonDocument.Parse(await _http.GetStringAsync("ping"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        accepted.Status.Should().Be("Running");
        outcome.Status.Should().Be("Succeeded");
        outcome.Worker.Should().Be("tracker");
        outcome.RequestId.Should().Be(FileRequestId);
        outcome.TokenHeader.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken);
        outcome.Tool!.OpenPullRequests.Should().Be(3);
        ping.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        ShouldHaveSentOneSignedKeyRequest();
    }

    [Test]
    public async Task Missing_token_gets_500_with_code_C3()
    {
        using var request = PlatformInvocation(
            """{"prompt":"summarise"}""",
            invocation => invocation.WithoutWorkloadAccessToken());

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetString().Should().Be(AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken);
        body.RootElement.GetProperty("message").GetString().Should().Contain(AgentCoreHeaderNames.UserId);
        body.RootElement.GetProperty("requestId").GetString().Should().Be(FileRequestId);
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
        _tool.AuthorizedRequests.Should().Be(0);
    }

    [Test]
    public async Task Background_job_without_token_fails()
    {
        using var request = PlatformInvocation(
            """{"background":true}""",
            invocation => invocation.WithoutWorkloadAccessToken());

        using var response = await _http.SendAsync(request);
        var accepted = (await response.Content.ReadFromJsonAsync(RuntimeSampleJsonContext.Default.RuntimeInvocationResponse))!;
        var outcome = (await _http.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}?waitSeconds=30"))!;

        outcome.Status.Should().Be("Failed");
        outcome.Error!.Code.Should().Be(AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken);
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [Test]
    public async Task Conflicting_token_headers_get_400_C1()
    {
        using var request = PlatformInvocation(
            "{}",
            invocation => invocation with
            {
                Headers = invocation.Headers
                    .Select(h => h.Key == "workloadaccesstoken" ? new KeyValuePair<string, string>(h.Key, Scan.Register(ConflictingToken, "conflicting token")) : h)
                    .ToArray(),
            });

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain(AgentCoreIdentityErrorCodes.ConflictingRequestHeaders);
        body.Should().Contain(AgentCoreHeaderNames.WorkloadAccessToken).And.Contain(AgentCoreHeaderNames.RuntimeWorkloadAccessToken);
        body.Should().NotContain(ConflictingToken);
    }

    [Test]
    public async Task Invalid_json_gets_400()
    {
        using var request = PlatformInvocation("{not json");

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("InvalidJson");
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [TestCase("nope", false, "must contain exactly one '/'")]
    [TestCase("acme/we b", false, "has the character ' ' in 'name'")]
    [TestCase("acme/..", true, "has '..' as its 'name'")]
    [TestCase("", true, "is empty")]
    public async Task Invalid_repository_gets_400_before_work(string repository, bool background, string reason)
    {
        using var request = PlatformInvocation(JsonSerializer.Serialize(new { prompt = "summarise", repository, background }));

        using var response = await _http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        var error = JsonSerializer.Deserialize<ErrorBody>(text, JsonSerializerOptions.Web)!;
        error.Error.Should().Be("InvalidRepository");
        error.Message.Should().StartWith($"The body field 'repository' {reason}.").And.EndWith(
            "A repository is 'owner/name', each part 1 to 100 characters: letters, digits, '-', '_' and '.', and neither '.' nor '..'.");
        error.RequestId.Should().Be(FileRequestId);
        _environment.Emulator.ReceivedRequests.Should().BeEmpty("no key is fetched for a rejected body");
        _tool.AuthorizedRequests.Should().Be(0);
        _agent.Services.GetRequiredService<BackgroundWorkTracker>().GetRunningWork().Should().BeEmpty();
    }

    [Test]
    public async Task Invalid_headers_win_over_invalid_repository()
    {
        using var request = PlatformInvocation(
            """{"repository":"nope"}""",
            invocation => invocation with
            {
                Headers = invocation.Headers
                    .Select(h => h.Key == "workloadaccesstoken" ? new KeyValuePair<string, string>(h.Key, Scan.Register(ConflictingToken, "conflicting token")) : h)
                    .ToArray(),
            });

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetString().Should().Be(AgentCoreIdentityErrorCodes.ConflictingRequestHeaders);
    }

    [Test]
    public async Task Malformed_json_keeps_library_message()
    {
        using var request = PlatformInvocation("""{"repository":"nope",}""");

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetString().Should().Be("InvalidJson");
        body.RootElement.GetProperty("message").GetString().Should().StartWith(
            "The request body is not a valid JSON object (RuntimeInvocationRequest): it is malformed at line 0, byte 21");
    }

    [Test]
    public async Task Ping_reports_status_and_integer_time()
    {
        using var ping = JsonDocument.Parse(await _http.GetStringAsync("ping"));

        ping.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        ping.RootElement.GetProperty("time_of_last_update").TryGetInt64(out var seconds).Should().BeTrue();
        seconds.Should().BeGreaterThan(1_700_000_000);
    }
}
