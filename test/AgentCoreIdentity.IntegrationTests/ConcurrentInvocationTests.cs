using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AgentCoreIdentity.SampleAgent;
using AgentCoreIdentity.SampleAgent.Jobs;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// 1,000 concurrent invocations of the sample agent, each with its own token, user, session and credential provider,
/// handed to background work in one of the five ways agents start it. The emulator's request log proves that every
/// outbound call carried the token of its own invocation, minted for that invocation's user id and user JWT.
/// </summary>
public class ConcurrentInvocationTests : SecretScanningTest
{
    private const int Invocations = 1_000;

    private EmulatorEnvironment _environment = null!;
    private SampleAgentHost _agent = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartServers()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        var settings = new SampleAgentSettings { Port = 0, ApiKeyProviderName = EmulatorEnvironment.ProviderName, ToolBaseUrl = null };
        _agent = await SampleAgentHost.StartAsync(settings, _environment.Configure, Scan.ConfigureLogging);

        // One client for every invocation, with enough connections that the invocations overlap at the agent.
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = _agent.Endpoint,
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    [TearDown]
    public async Task StopServers()
    {
        _http.Dispose();
        await _agent.DisposeAsync();
        await _environment.DisposeAsync();
    }

    /// <summary>The values of one invocation; each differs from every other invocation's.</summary>
    private sealed record Invocation(int Index, string Token, string UserId, string UserJwt, string SessionId, string RequestId, string Provider, string TokenHeader);

    private Invocation CreateInvocation(int index)
    {
        var number = index.ToString("D4", CultureInfo.InvariantCulture);
        var userId = "user-" + number;
        var provider = "provider-" + number;
        _environment.Emulator.AddApiKeyProvider(provider, Scan.Register("api-key-" + number, "API key " + number));

        // Rotate the three token spellings and their letter case across invocations.
        var header = AgentCoreHeaderNames.WorkloadAccessTokenHeaders[index % 3];
        header = (index / 3 % 2) == 0 ? header : header.ToLowerInvariant();

        // The API-key call carries only the token and the provider name. Each call is therefore tied to its invocation's
        // user JWT through the token, which the emulator mints bound to the user id and the JWT of the invocation.
        var userJwt = Scan.Register($"eyJhbGciOiJSUzI1NiJ9.{number}.c2lnbmF0dXJl", "user JWT " + number);
        var token = _environment.Emulator.IssueWorkloadAccessToken(EmulatorEnvironment.WorkloadName, userId, userJwt);

        return new Invocation(
            index,
            Scan.Register(token, "workload access token " + number),
            userId,
            userJwt,
            $"session-{number}-{Guid.NewGuid():N}",
            $"request-{number}-{Guid.NewGuid():N}",
            provider,
            header);
    }

    private async Task<JobOutcome> RunAsync(Invocation invocation, WorkerKind worker)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "invocations")
        {
            Content = JsonContent.Create(new { prompt = "summarise", worker = worker.ToString(), provider = invocation.Provider }),
        };
        request.Headers.TryAddWithoutValidation(invocation.TokenHeader, invocation.Token);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + invocation.UserJwt);
        request.Headers.TryAddWithoutValidation(AgentCoreHeaderNames.UserId, invocation.UserId);
        request.Headers.TryAddWithoutValidation(AgentCoreHeaderNames.SessionId, invocation.SessionId);
        request.Headers.TryAddWithoutValidation(AgentCoreHeaderNames.RequestId, invocation.RequestId);

        using var response = await _http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var accepted = (await response.Content.ReadFromJsonAsync<SampleAgentApp.InvocationAccepted>())!;

        // The agent's long poll returns as soon as the job ends.
        JobOutcome outcome;
        do
        {
            outcome = (await _http.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}?waitSeconds=60"))!;
        }
        while (outcome.Status == "Running");

        return outcome;
    }

    [TestCase(WorkerKind.Task)]
    [TestCase(WorkerKind.Thread)]
    [TestCase(WorkerKind.Channel)]
    [TestCase(WorkerKind.Parallel)]
    [TestCase(WorkerKind.ThreadPool)]
    public async Task Every_call_carries_its_own_token(WorkerKind worker)
    {
        var invocations = Enumerable.Range(0, Invocations).Select(CreateInvocation).ToArray();
        var stopwatch = Stopwatch.StartNew();

        var outcomes = await Task.WhenAll(invocations.Select(invocation => RunAsync(invocation, worker)));

        TestContext.Out.WriteLine($"{Invocations} invocations with worker {worker} took {stopwatch.Elapsed.TotalSeconds:F1} s.");
        for (var i = 0; i < Invocations; i++)
        {
            var outcome = outcomes[i];
            var invocation = invocations[i];
            outcome.Error.Should().BeNull();
            outcome.Status.Should().Be("Succeeded");
            outcome.Worker.Should().Be(WorkerKinds.Name(worker));
            outcome.RequestId.Should().Be(invocation.RequestId);
            outcome.SessionId.Should().Be(invocation.SessionId);
            outcome.Provider.Should().Be(invocation.Provider);
            outcome.TokenHeader.Should().Be(AgentCoreHeaderNames.WorkloadAccessTokenHeaders[i % 3]);
        }

        var calls = _environment.Emulator.ReceivedRequests.Where(call => call.Operation == "GetResourceApiKey").ToArray();
        calls.Should().HaveCount(Invocations);
        var callsByProvider = calls.ToDictionary(call => call.ProviderName!);
        foreach (var invocation in invocations)
        {
            var call = callsByProvider[invocation.Provider];
            call.SignatureValid.Should().BeTrue();
            call.StatusCode.Should().Be(200);
            call.WorkloadAccessToken.Should().Be(invocation.Token, $"the call for {invocation.Provider} must carry its own invocation's token");
            var issued = _environment.Emulator.FindWorkloadAccessToken(call.WorkloadAccessToken!)!;
            issued.UserId.Should().Be(invocation.UserId);
            issued.UserToken.Should().Be(invocation.UserJwt, $"the call for {invocation.Provider} must act for its own invocation's user");
            call.Body.Should().NotContain("eyJhbGciOiJSUzI1NiJ9.", "no user JWT travels in an API-key request");
        }
    }
}
