using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using AgentCoreIdentity.IntegrationTests.Runtime;

namespace AgentCoreIdentity.IntegrationTests.Outbound;

public class SharedClientTests : SecretScanningTest
{
    private const int CallsPerInvocation = 20;
    private const string DownstreamClient = "downstream";
    private const string OAuth2Provider = "inventory-m2m";
    private const string OAuth2Token = "emulated-m2m-access-token-71c3";
    private const string UserJwtA = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLWEifQ.c2lnLWE";
    private const string UserJwtB = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLWIifQ.c2lnLWI";

    private EmulatorEnvironment _environment = null!;
    private DownstreamRecorder _downstream = null!;
    private RuntimeTestHost _agent = null!;

    [TearDown]
    public async Task StopServers()
    {
        await _agent.DisposeAsync();
        await _downstream.DisposeAsync();
        await _environment.DisposeAsync();
    }

    public sealed record FanOutRequest(string Name);

    public sealed record FanOutResponse(string Name, int Succeeded);

    private async Task StartAsync(Func<Task>? gate = null)
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        _environment.Emulator.AddOAuth2Provider(OAuth2Provider, Scan.Register(OAuth2Token, "OAuth2 access token"));
        Scan.Register(UserJwtA, "user JWT A");
        Scan.Register(UserJwtB, "user JWT B");
        _downstream = await DownstreamRecorder.StartAsync(gate);
        _agent = await RuntimeTestHost.StartAsync(
            Scan,
            app =>
            {
                // One client, built at start-up and shared by every invocation.
                var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(DownstreamClient);
                app.MapAgentCoreRuntime<FanOutRequest, FanOutResponse>((request, context, cancellationToken) =>
                    FanOutAsync(client, request, context, cancellationToken));
            },
            services =>
            {
                services.AddAgentCoreIdentity(_environment.Configure);
                services.AddHttpClient(DownstreamClient, client => client.BaseAddress = _downstream.Endpoint)
                    .AddAgentCoreApiKey(EmulatorEnvironment.ProviderName)
                    .AddAgentCoreAccessToken(new AccessTokenRequest { ProviderName = OAuth2Provider, Flow = OAuth2Flow.M2M, Scopes = ["inventory.read"] })
                    .AddAgentCoreWorkloadAccessTokenPropagation();
            });
    }

    private static async Task<FanOutResponse> FanOutAsync(HttpClient client, FanOutRequest request, AgentCoreRequestContext context, CancellationToken cancellationToken)
    {
        var calls = Enumerable.Range(0, CallsPerInvocation).Select(async i =>
        {
            using var outbound = new HttpRequestMessage(HttpMethod.Get, $"calls/{request.Name}/{i}").WithAgentCoreContext(context);
            using var response = await client.SendAsync(outbound, cancellationToken);
            return response.IsSuccessStatusCode;
        });
        var results = await Task.WhenAll(calls);
        return new FanOutResponse(request.Name, results.Count(ok => ok));
    }

    private Task<HttpResponseMessage> InvokeAsync(string name, string token, string userJwt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "invocations") { Content = JsonContent.Create(new FanOutRequest(name)) };
        request.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, token);
        request.Headers.Add("Authorization", "Bearer " + userJwt);
        return _agent.Client.SendAsync(request);
    }

    [Test]
    public async Task Shared_client_sends_each_invocations_credentials_C4()
    {
        var allInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        await StartAsync(() =>
        {
            // Each downstream call is held until the calls of both invocations are all in flight together.
            if (Interlocked.Increment(ref arrived) == 2 * CallsPerInvocation)
            {
                allInFlight.SetResult();
            }

            return allInFlight.Task.WaitAsync(TimeSpan.FromSeconds(60));
        });
        var tokenA = _environment.IssueToken("user-a");
        var tokenB = _environment.IssueToken("user-b");

        var invocations = await Task.WhenAll(
            InvokeAsync("a", tokenA, UserJwtA),
            InvokeAsync("b", tokenB, UserJwtB));

        foreach (var invocation in invocations)
        {
            invocation.StatusCode.Should().Be(HttpStatusCode.OK, await invocation.Content.ReadAsStringAsync());
            (await invocation.Content.ReadFromJsonAsync<FanOutResponse>())!.Succeeded.Should().Be(CallsPerInvocation);
            invocation.Dispose();
        }

        var calls = _downstream.Calls;
        calls.Should().HaveCount(2 * CallsPerInvocation);
        foreach (var call in calls)
        {
            var expectedToken = call.Path.StartsWith("/calls/a/", StringComparison.Ordinal) ? tokenA : tokenB;
            call.WorkloadAccessToken.Should().Be(expectedToken, call.Path);
            call.ApiKey.Should().Be(_environment.ApiKey, call.Path);
            call.Authorization.Should().Be("Bearer " + OAuth2Token, call.Path);
        }

        var keyLookups = _environment.Emulator.ReceivedRequests.Where(r => r.Operation == "GetResourceApiKey").ToArray();
        keyLookups.Should().HaveCount(2 * CallsPerInvocation);
        keyLookups.Should().OnlyContain(lookup => lookup.SignatureValid && lookup.StatusCode == 200);
        keyLookups.Count(lookup => lookup.WorkloadAccessToken == tokenA).Should().Be(CallsPerInvocation);
        keyLookups.Count(lookup => lookup.WorkloadAccessToken == tokenB).Should().Be(CallsPerInvocation);

        var tokenLookups = _environment.Emulator.ReceivedRequests.Where(r => r.Operation == "GetResourceOauth2Token").ToArray();
        tokenLookups.Should().HaveCount(2 * CallsPerInvocation);
        tokenLookups.Should().OnlyContain(lookup => lookup.SignatureValid && lookup.StatusCode == 200);
        tokenLookups.Count(lookup => lookup.WorkloadAccessToken == tokenA).Should().Be(CallsPerInvocation);
        tokenLookups.Count(lookup => lookup.WorkloadAccessToken == tokenB).Should().Be(CallsPerInvocation);
    }

    [Test]
    public async Task Credentials_never_follow_redirects()
    {
        await StartAsync();
        var client = _agent.Services.GetRequiredService<IHttpClientFactory>().CreateClient(DownstreamClient);
        var context = new AgentCoreRequestContext { WorkloadAccessToken = _environment.IssueToken() };

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "redirect").WithAgentCoreContext(context));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        _downstream.Calls.Should().BeEmpty();
    }
}
