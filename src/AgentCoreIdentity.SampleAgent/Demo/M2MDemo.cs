using System.Net.Http.Json;
using AgentCoreIdentity.SampleAgent.OAuth2;

namespace AgentCoreIdentity.SampleAgent.Demo;

/// <summary>
/// The machine-to-machine flow: the agent, acting as itself, gets a client-credentials token from an OAuth2 credential
/// provider. The report shows the token's length, never the token.
/// </summary>
internal sealed class M2MDemo
{
    private readonly TextWriter _output;
    private readonly DemoObserver _observer;

    public M2MDemo(TextWriter output, DemoObserver observer)
    {
        _output = output;
        _observer = observer;
    }

    /// <summary>Runs the flow and returns whether every check passed.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        await using var environment = await OAuth2DemoEnvironment.StartAsync(_observer, cancellationToken);
        var settings = new SampleAgentSettings();

        var minted = await new WorkloadAccessTokenClient(environment.Identity)
            .GetWorkloadAccessTokenAsync(OAuth2DemoEnvironment.WorkloadName, cancellationToken);
        _observer.Secret(minted.WorkloadAccessToken!, "workload access token");
        await _output.WriteLineAsync(
            $"1. Minted a workload access token for workload '{OAuth2DemoEnvironment.WorkloadName}' with a signed GetWorkloadAccessToken "
            + "call: the agent acts as itself, with no end user.");

        using var http = new HttpClient { BaseAddress = environment.Agent.Endpoint };
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/m2m");
        request.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, minted.WorkloadAccessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await _output.WriteLineAsync($"Demo failed: POST /oauth2/m2m answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return false;
        }

        var outcome = await response.Content.ReadFromJsonAsync<OAuth2Routes.TokenOutcome>(cancellationToken)
            ?? throw new InvalidOperationException("POST /oauth2/m2m returned no body.");
        await _output.WriteLineAsync(
            $"2. POST /oauth2/m2m: the agent got a token for flow {outcome.Flow} from provider '{outcome.Provider}' ({outcome.TokenLength} characters) "
            + "with one signed GetResourceOauth2Token call.");

        var received = environment.Emulator.ReceivedRequests;
        var verified = received.Count(recorded => recorded.SignatureValid && recorded.StatusCode == 200);
        await _output.WriteLineAsync(
            $"3. The emulator received {received.Count} requests ({string.Join(", ", received.Select(recorded => recorded.Operation))}) "
            + $"and verified {verified} signatures.");

        var passed = outcome.Provider == settings.M2MProviderName
            && outcome.TokenLength == environment.M2MToken.Length
            && verified == received.Count
            && received.Count(recorded => recorded.Operation == "GetResourceOauth2Token") == 1;
        if (!passed)
        {
            await _output.WriteLineAsync("Demo failed: the M2M token or the emulator's requests were not as expected.");
        }

        return passed;
    }
}
