using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using AgentCoreIdentity.SampleAgent.Jobs;
using AgentCoreIdentity.SampleAgent.Tool;

namespace AgentCoreIdentity.SampleAgent.Demo;

/// <summary>
/// Runs the credential flows on loopback. For the API key, the Identity emulator, the sample agent and the tool API
/// start in this process, a workload access token is minted, and the platform's invocation is replayed as a real
/// HTTP request. The background job then fetches the API key and calls the tool. <see cref="M2MDemo"/> and
/// <see cref="UserFederationDemo"/> run the OAuth2 flows. The report never shows a key, token or authorization URL.
/// </summary>
public sealed class DemoCommand
{
    private const string WorkloadName = "sample-agent";
    private const string ProviderName = "github-api-key";
    private const string DemoUserId = "demo-user";
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(30);

    private readonly TextWriter _output;
    private readonly DemoScenario _scenario;
    private readonly DemoObserver _observer;

    public DemoCommand(TextWriter output, DemoScenario scenario = DemoScenario.All)
        : this(output, scenario, DemoObserver.None)
    {
    }

    /// <summary>Creates the command with hooks that let a test see the secrets and logs the report leaves out.</summary>
    internal DemoCommand(TextWriter output, DemoScenario scenario, DemoObserver observer)
    {
        _output = output;
        _scenario = scenario;
        _observer = observer;
    }

    /// <summary>Runs the demo and returns the process exit code: 0 on success, 1 on failure.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var passed = true;
            if (_scenario is DemoScenario.All or DemoScenario.ApiKey)
            {
                await _output.WriteLineAsync("== API key ==");
                passed = await RunStepsAsync(cancellationToken) == 0;
            }

            if (passed && _scenario is (DemoScenario.All or DemoScenario.M2M))
            {
                await _output.WriteLineAsync("== OAuth2 M2M ==");
                passed = await new M2MDemo(_output, _observer).RunAsync(cancellationToken);
                await _output.WriteLineAsync();
            }

            if (passed && _scenario is (DemoScenario.All or DemoScenario.UserFederation))
            {
                await _output.WriteLineAsync("== OAuth2 user federation ==");
                passed = await new UserFederationDemo(_output, _observer).RunAsync(cancellationToken);
                await _output.WriteLineAsync();
            }

            if (!passed)
            {
                return 1;
            }

            await _output.WriteLineAsync("Demo succeeded: no key, token or authorization URL was printed.");
            return 0;
        }
        catch (Exception ex) when (ex is AgentCoreIdentityException or HttpRequestException or IOException or InvalidOperationException
            or TimeoutException or System.Text.Json.JsonException)
        {
            await _output.WriteLineAsync($"Demo failed: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    private async Task<int> RunStepsAsync(CancellationToken cancellationToken)
    {
        var apiKey = _observer.Secret("ghp_" + RandomNumberGenerator.GetHexString(36, lowercase: true), "API key");
        await using var demoEmulator = await DemoEmulator.StartAsync(_observer, cancellationToken);
        var emulator = demoEmulator.Emulator;
        emulator.AddWorkloadIdentity(WorkloadName);
        emulator.AddApiKeyProvider(ProviderName, apiKey);

        await using var tool = await ToolServer.StartAsync(apiKey, cancellationToken: cancellationToken);

        var settings = new SampleAgentSettings { Port = 0, ApiKeyProviderName = ProviderName, ToolBaseUrl = tool.Endpoint };
        await using var agent = await SampleAgentHost.StartAsync(settings, demoEmulator.Configure, _observer.ConfigureLogging, cancellationToken);

        await _output.WriteLineAsync("AgentCore Identity demo: every server below runs in this process on 127.0.0.1.");
        await _output.WriteLineAsync($"  Identity emulator  {emulator.Endpoint} (region {emulator.Region}, verifies every SigV4 signature)");
        await _output.WriteLineAsync($"  sample agent       {agent.Endpoint}");
        await _output.WriteLineAsync($"  tool API           {tool.Endpoint}");
        await _output.WriteLineAsync();

        var minted = await new WorkloadAccessTokenClient(demoEmulator.CreateOptions())
            .GetWorkloadAccessTokenForUserIdAsync(WorkloadName, DemoUserId, cancellationToken);
        _observer.Secret(minted.WorkloadAccessToken!, "workload access token");
        await _output.WriteLineAsync(
            $"1. Minted a workload access token for workload '{WorkloadName}' and user '{DemoUserId}' "
            + $"({minted.WorkloadAccessToken!.Length} characters) with a signed GetWorkloadAccessTokenForUserId call.");

        var invocation = PlatformInvocation.LoadEmbedded().WithWorkloadAccessToken(minted.WorkloadAccessToken);
        await _output.WriteLineAsync(
            $"2. Replayed the platform's invocation as POST /invocations with the token under {string.Join(" and ", invocation.WorkloadAccessTokenHeaderNames)}.");

        using var http = new HttpClient { BaseAddress = agent.Endpoint, Timeout = JobTimeout + TimeSpan.FromSeconds(10) };
        using var response = await http.SendAsync(invocation.ToHttpRequest(agent.Endpoint), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            await _output.WriteLineAsync($"Demo failed: the agent answered {(int)response.StatusCode} instead of 202: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return 1;
        }

        var accepted = await response.Content.ReadFromJsonAsync<SampleAgentApp.InvocationAccepted>(cancellationToken)
            ?? throw new InvalidOperationException("The agent's 202 response has no body.");
        await _output.WriteLineAsync(
            $"3. The agent answered 202 Accepted at once: job {accepted.JobId}, request {accepted.RequestId}, session {accepted.SessionId}.");

        var outcome = await http.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}?waitSeconds={(int)JobTimeout.TotalSeconds}", cancellationToken)
            ?? throw new InvalidOperationException("The agent returned no job outcome.");
        if (outcome.Status != "Succeeded")
        {
            await _output.WriteLineAsync($"Demo failed: job {outcome.JobId} ended as {outcome.Status}: {outcome.Error?.Code} {outcome.Error?.Message}");
            return 1;
        }

        await _output.WriteLineAsync(
            $"4. The {outcome.Worker} worker (thread {outcome.WorkerThreadId}) used the token from the '{outcome.TokenHeader}' header, "
            + $"fetched the API key of provider '{outcome.Provider}' ({outcome.ApiKeyLength} characters), and called the tool API: "
            + $"HTTP {outcome.Tool?.StatusCode}, {outcome.Tool?.OpenPullRequests} open pull requests in {outcome.Tool?.Repository}.");

        var received = emulator.ReceivedRequests;
        var verified = received.Count(request => request.SignatureValid && request.StatusCode == 200);
        var keyRequests = received.Where(request => request.Operation == "GetResourceApiKey").ToArray();
        var carriedToken = keyRequests.Length == 1 && keyRequests[0].WorkloadAccessToken == minted.WorkloadAccessToken;
        await _output.WriteLineAsync(
            $"5. The emulator received {received.Count} requests ({string.Join(", ", received.Select(request => request.Operation))}), "
            + $"verified {verified} signatures, and saw exactly one GetResourceApiKey carrying the minted token: {(carriedToken ? "yes" : "no")}.");

        var ping = await http.GetStringAsync("ping", cancellationToken);
        await _output.WriteLineAsync($"6. GET /ping answers {ping}");
        await _output.WriteLineAsync();

        if (!carriedToken || verified != received.Count || tool.AuthorizedRequests != 1)
        {
            await _output.WriteLineAsync("Demo failed: the emulator or the tool API did not see the expected signed, authorized calls.");
            return 1;
        }

        return 0;
    }
}
