using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AgentCoreIdentity.SampleAgent.OAuth2;

namespace AgentCoreIdentity.SampleAgent.Demo;

/// <summary>
/// The user-federation flow with consent and session binding. The agent streams the authorization URL to the
/// invoking user; the demo user's "browser" (an HttpClient that does not follow redirects by itself) opens it, is
/// redirected to the agent's return URL with <c>session_id</c>, and follows that redirect with the same bearer JWT.
/// The agent binds the session to that user, and its polling then receives the token. Nothing secret is printed.
/// </summary>
internal sealed class UserFederationDemo
{
    private readonly TextWriter _output;
    private readonly DemoObserver _observer;

    public UserFederationDemo(TextWriter output, DemoObserver observer)
    {
        _output = output;
        _observer = observer;
    }

    /// <summary>Runs the flow and returns whether every check passed.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        await using var environment = await OAuth2DemoEnvironment.StartAsync(_observer, cancellationToken);
        var userJwt = _observer.Secret(DemoJwt("demo-user"), "demo user's JWT");
        var otherUserJwt = _observer.Secret(DemoJwt("someone-else"), "other user's JWT");

        var minted = await new WorkloadAccessTokenClient(environment.Identity)
            .GetWorkloadAccessTokenForJwtAsync(OAuth2DemoEnvironment.WorkloadName, userJwt, cancellationToken);
        _observer.Secret(minted.WorkloadAccessToken!, "workload access token");
        await _output.WriteLineAsync(
            $"1. Minted a workload access token for workload '{OAuth2DemoEnvironment.WorkloadName}' from the demo user's JWT with a "
            + "signed GetWorkloadAccessTokenForJWT call.");

        using var agent = new HttpClient { BaseAddress = environment.Agent.Endpoint };
        using var invocation = new HttpRequestMessage(HttpMethod.Post, "oauth2/user-federation");
        invocation.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, minted.WorkloadAccessToken);
        invocation.Headers.Add(AgentCoreHeaderNames.OAuth2CallbackUrl, environment.CallbackUrl.AbsoluteUri);
        invocation.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userJwt);
        using var stream = await agent.SendAsync(invocation, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!stream.IsSuccessStatusCode)
        {
            // A request that fails before the stream starts gets a JSON error, never an event.
            await _output.WriteLineAsync(
                $"Demo failed: POST /oauth2/user-federation answered {(int)stream.StatusCode}: {await stream.Content.ReadAsStringAsync(cancellationToken)}");
            return false;
        }

        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(cancellationToken));

        var (name, data) = await ReadEventAsync(events, cancellationToken);
        if (name != "authorization_required")
        {
            await _output.WriteLineAsync($"Demo failed: expected 'authorization_required', got '{name}': {data.GetRawText()}");
            return false;
        }

        var authorizationUrl = new Uri(_observer.Secret(data.GetProperty("authorizationUrl").GetString()!, "authorization URL"));
        var sessionUri = data.GetProperty("sessionUri").GetString()!;
        await _output.WriteLineAsync(
            $"2. POST /oauth2/user-federation streamed 'authorization_required' with an authorization URL ({authorizationUrl.AbsoluteUri.Length} "
            + $"characters) for session {sessionUri}; the agent polls only after that event is flushed.");

        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(authorizationUrl, cancellationToken);
        var returnUrl = consent.Headers.Location;
        await _output.WriteLineAsync(
            $"3. The demo user's browser opened the URL: the consent page answered HTTP {(int)consent.StatusCode} with a redirect to "
            + $"{returnUrl?.AbsolutePath ?? "nowhere"} carrying session_id.");
        if (consent.StatusCode != HttpStatusCode.Redirect || returnUrl is null)
        {
            return false;
        }

        var otherUser = await OpenReturnUrlAsync(browser, returnUrl, otherUserJwt, cancellationToken);
        var sameUser = await OpenReturnUrlAsync(browser, returnUrl, userJwt, cancellationToken);
        await _output.WriteLineAsync(
            $"4. Another user who opened the return URL got HTTP {(int)otherUser} (the session is bound to the user who started it); "
            + $"the demo user's browser, sending the same bearer JWT, got HTTP {(int)sameUser} after the agent's CompleteResourceTokenAuth call.");

        (name, data) = await ReadEventAsync(events, cancellationToken);
        if (name != "token")
        {
            await _output.WriteLineAsync($"Demo failed: expected 'token', got '{name}': {data.GetRawText()}");
            return false;
        }

        var tokenLength = data.GetProperty("tokenLength").GetInt32();
        await _output.WriteLineAsync(
            $"5. The stream then delivered 'token': a token for flow {data.GetProperty("flow").GetString()} from provider "
            + $"'{data.GetProperty("provider").GetString()}' ({tokenLength} characters).");

        var received = environment.Emulator.ReceivedRequests;
        var binding = received.Where(recorded => recorded.Operation == "CompleteResourceTokenAuth" && recorded.StatusCode == 200).ToArray();
        var sameArtifact = binding.Length == 1 && binding[0].Body.Contains($"\"userToken\":\"{userJwt}\"", StringComparison.Ordinal);
        await _output.WriteLineAsync(
            $"6. The emulator received {received.Count} requests ({string.Join(", ", received.Select(recorded => recorded.Operation))}), "
            + $"all signed; the accepted binding carried the JWT that minted the token: {(sameArtifact ? "yes" : "no")}.");

        var passed = otherUser == HttpStatusCode.Forbidden && sameUser == HttpStatusCode.OK && sameArtifact
            && tokenLength == environment.UserToken.Length && received.All(recorded => recorded.SignatureValid);
        if (!passed)
        {
            await _output.WriteLineAsync("Demo failed: the consent flow did not go as expected.");
        }

        return passed;
    }

    private static async Task<HttpStatusCode> OpenReturnUrlAsync(HttpClient browser, Uri returnUrl, string jwt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, returnUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        using var response = await browser.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Reads one server-sent event: its name and its JSON data.</summary>
    private static async Task<(string? Name, JsonElement Data)> ReadEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && name is not null)
            {
                break;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        return (name, JsonDocument.Parse(data ?? "{}").RootElement.Clone());
    }

    /// <summary>An unsigned three-part JWT; the emulator checks its shape, as it does not validate signatures.</summary>
    private static string DemoJwt(string subject)
    {
        static string Encode(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Encode("{\"alg\":\"none\"}")}.{Encode($"{{\"sub\":\"{subject}\",\"iss\":\"https://idp.example\"}}")}.c2ln";
    }
}
