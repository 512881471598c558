using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentCoreIdentity.SampleAgent;
using AgentCoreIdentity.SampleAgent.Demo;
using AgentCoreIdentity.SampleAgent.Jobs;
using AgentCoreIdentity.SampleAgent.Tool;

namespace AgentCoreIdentity.IntegrationTests;

public class SampleAgentInvocationTests : SecretScanningTest
{
    private EmulatorEnvironment _environment = null!;
    private ToolServer _tool = null!;
    private SampleAgentHost _agent = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartServers()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        _tool = await ToolServer.StartAsync(_environment.ApiKey);
        var settings = new SampleAgentSettings { Port = 0, ApiKeyProviderName = EmulatorEnvironment.ProviderName, ToolBaseUrl = _tool.Endpoint };
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

    private async Task<JobOutcome> InvokeAndWaitAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var accepted = (await response.Content.ReadFromJsonAsync<SampleAgentApp.InvocationAccepted>())!;
        return (await _http.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}?waitSeconds=30"))!;
    }

    private static HttpRequestMessage Invocation(PlatformInvocation invocation, string? worker = null)
    {
        var withWorker = worker is null ? invocation : invocation with { Body = $"{{\"prompt\":\"summarise\",\"repository\":\"acme/web\",\"worker\":\"{worker}\"}}" };
        return withWorker.ToHttpRequest(new Uri("http://placeholder/"));
    }

    private HttpRequestMessage Send(HttpRequestMessage request)
    {
        request.RequestUri = new Uri(_agent.Endpoint, request.RequestUri!.PathAndQuery.TrimStart('/'));
        return request;
    }

    private void ShouldHaveSentOneSignedKeyRequest(string token)
    {
        var keyRequests = _environment.Emulator.ReceivedRequests.Where(r => r.Operation == "GetResourceApiKey").ToArray();
        keyRequests.Should().ContainSingle();
        keyRequests[0].SignatureValid.Should().BeTrue();
        keyRequests[0].StatusCode.Should().Be(200);
        keyRequests[0].WorkloadAccessToken.Should().Be(token);
        keyRequests[0].Body.Should().Be($"{{\"workloadIdentityToken\":\"{token}\",\"resourceCredentialProviderName\":\"github-api-key\"}}");
    }

    [TestCase("task", "task")]
    [TestCase("thread", "thread")]
    [TestCase("ThreadPool", "threadpool")]
    public async Task Platform_invocation_reaches_worker(string worker, string name)
    {
        var token = _environment.IssueToken();
        var invocation = PlatformInvocation.LoadEmbedded().WithWorkloadAccessToken(token);

        var outcome = await InvokeAndWaitAsync(Send(Invocation(invocation, worker)));

        outcome.Status.Should().Be("Succeeded");
        outcome.Worker.Should().Be(name, "every worker name is written in lower case, as the body field takes it");
        outcome.TokenHeader.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken);
        outcome.SessionId.Should().Be("8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001");
        outcome.RequestId.Should().Be("3f1b9a7e-2c4d-4e8f-a6b5-0d9c8e7f6a5b");
        outcome.ApiKeyLength.Should().Be(_environment.ApiKey.Length);
        outcome.Tool!.StatusCode.Should().Be(200);
        outcome.Tool.OpenPullRequests.Should().Be(3);
        ShouldHaveSentOneSignedKeyRequest(token);
        _tool.AuthorizedRequests.Should().Be(1);
        Scan.Logs.GetSnapshot().Should().Contain(record => record.Category == "AgentCoreIdentity.Calls", "the SDK's logs reach the secret scan");
    }

    private static IEnumerable<TestCaseData> SingleSpellings()
    {
        foreach (var header in AgentCoreHeaderNames.WorkloadAccessTokenHeaders)
        {
            yield return new TestCaseData(header, header).SetName($"Only {header} is enough");
            yield return new TestCaseData(header.ToLowerInvariant(), header).SetName($"Only {header} in lower case is enough");
            yield return new TestCaseData(header.ToUpperInvariant(), header).SetName($"Only {header} in upper case is enough");
        }
    }

    [TestCaseSource(nameof(SingleSpellings))]
    public async Task Single_token_spelling_reaches_worker(string wireName, string canonicalName)
    {
        var token = _environment.IssueToken();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_agent.Endpoint, "invocations"))
        {
            Content = JsonContent.Create(new { prompt = "hi" }),
        };
        request.Headers.TryAddWithoutValidation(wireName, token);

        var outcome = await InvokeAndWaitAsync(request);

        outcome.Status.Should().Be("Succeeded");
        outcome.TokenHeader.Should().Be(canonicalName);
        ShouldHaveSentOneSignedKeyRequest(token);
    }

    [Test]
    public async Task Different_token_spellings_get_400()
    {
        var invocation = PlatformInvocation.LoadEmbedded();
        var conflicting = invocation with
        {
            Headers = invocation.Headers
                .Select(h => h.Key == "workloadaccesstoken" ? new KeyValuePair<string, string>(h.Key, Scan.Register("token-value-one", "first conflicting token")) : h)
                .Select(h => h.Key == "x-amzn-bedrock-agentcore-runtime-workload-accesstoken" ? new KeyValuePair<string, string>(h.Key, Scan.Register("token-value-two", "second conflicting token")) : h)
                .ToArray(),
        };

        using var response = await _http.SendAsync(Send(Invocation(conflicting)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain(AgentCoreHeaderNames.WorkloadAccessToken).And.Contain(AgentCoreHeaderNames.RuntimeWorkloadAccessToken);
        body.Should().NotContain("token-value-one").And.NotContain("token-value-two");
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [Test]
    public async Task Missing_token_fails_job_without_call()
    {
        var withoutToken = PlatformInvocation.LoadEmbedded().WithoutWorkloadAccessToken();

        var outcome = await InvokeAndWaitAsync(Send(Invocation(withoutToken)));

        outcome.Status.Should().Be("Failed");
        outcome.Error!.Code.Should().Be(AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken);
        outcome.Error.Type.Should().Be(nameof(MissingWorkloadAccessTokenException));
        outcome.Error.Message.Should().Contain("X-Amzn-Bedrock-AgentCore-Runtime-User-Id");
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [Test]
    public async Task Accepted_before_job_finishes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var gatedTool = await ToolServer.StartAsync(_environment.ApiKey, gate.Task);
        var settings = new SampleAgentSettings { Port = 0, ApiKeyProviderName = EmulatorEnvironment.ProviderName, ToolBaseUrl = gatedTool.Endpoint };
        await using var agent = await SampleAgentHost.StartAsync(settings, _environment.Configure, Scan.ConfigureLogging);
        using var http = new HttpClient { BaseAddress = agent.Endpoint };
        var invocation = PlatformInvocation.LoadEmbedded().WithWorkloadAccessToken(_environment.IssueToken());

        using var response = await http.SendAsync(invocation.ToHttpRequest(agent.Endpoint));
        var accepted = (await response.Content.ReadFromJsonAsync<SampleAgentApp.InvocationAccepted>())!;
        var whileBlocked = await http.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}");
        gate.SetResult();
        var finished = await http.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}?waitSeconds=30");

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        whileBlocked!.Status.Should().Be("Running", "the 202 must not wait for the background job");
        finished!.Status.Should().Be("Succeeded");
    }

    [Test]
    public async Task Ping_reports_status_and_integer_time()
    {
        using var ping = JsonDocument.Parse(await _http.GetStringAsync("ping"));

        ping.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        ping.RootElement.GetProperty("time_of_last_update").ValueKind.Should().Be(JsonValueKind.Number);
        ping.RootElement.GetProperty("time_of_last_update").TryGetInt64(out var seconds).Should().BeTrue();
        seconds.Should().BeGreaterThan(1_700_000_000);
    }

    [Test]
    public async Task Unknown_job_is_404()
    {
        using var response = await _http.GetAsync("jobs/does-not-exist");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Invalid_json_gets_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "invocations") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
