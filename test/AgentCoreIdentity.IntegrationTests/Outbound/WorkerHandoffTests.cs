using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AgentCoreIdentity.IntegrationTests.Runtime;
using AgentCoreIdentity.SampleAgent.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentCoreIdentity.IntegrationTests.Outbound;

/// <summary>
/// Two concurrent invocations, A (<c>WAT_A</c>, <c>Authorization: Bearer USER_JWT_1</c>) and B (<c>WAT_B</c>,
/// <c>USER_JWT_2</c>), each hand their record to background work, which makes 20 calls per invocation through one
/// HttpClient built at start-up with the API-key, access-token and token-propagation handlers. The downstream server
/// delays every call until all 40 are in flight, so the calls of A and B interleave.
/// </summary>
public class WorkerHandoffTests : SecretScanningTest
{
    private const int CallsPerInvocation = 20;
    private const string DownstreamClient = "downstream";
    private const string OAuth2Provider = "inventory-m2m";
    private const string OAuth2Token = "emulated-m2m-access-token-4c0e";
    private const string UserJwt1 = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnLWhhbmRvZmYtMQ";
    private const string UserJwt2 = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTIifQ.c2lnLWhhbmRvZmYtMg";

    private ConcurrentQueue<WorkerCall> _workerCalls = null!;
    private EmulatorEnvironment _environment = null!;
    private DownstreamRecorder _downstream = null!;
    private RuntimeTestHost _agent = null!;

    /// <summary>The body of <c>POST /invocations</c>: a name for the paths of its calls, and the workers to spread them over.</summary>
    public sealed record HandoffRequest(string Name, string[] Workers);

    /// <summary>What one background worker read from the record it received, just before its call.</summary>
    private sealed record WorkerCall(string Name, int Index, string? WorkloadAccessToken, string? UserToken);

    /// <summary>One invocation of the case: its name, token and user JWT.</summary>
    private sealed record Invocation(string Name, string Token, string UserJwt);

    [SetUp]
    public async Task StartServers()
    {
        _workerCalls = new ConcurrentQueue<WorkerCall>();
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        _environment.Emulator.AddOAuth2Provider(OAuth2Provider, Scan.Register(OAuth2Token, "OAuth2 access token"));
        Scan.Register(UserJwt1, "user JWT 1");
        Scan.Register(UserJwt2, "user JWT 2");

        // Each downstream call is held until the calls of both invocations are all in flight together.
        var allInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        _downstream = await DownstreamRecorder.StartAsync(() =>
        {
            if (Interlocked.Increment(ref arrived) == 2 * CallsPerInvocation)
            {
                allInFlight.SetResult();
            }

            return allInFlight.Task.WaitAsync(TimeSpan.FromSeconds(60));
        });

        _agent = await RuntimeTestHost.StartAsync(
            Scan,
            app =>
            {
                // One client, built at start-up and shared by every invocation and every worker.
                var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(DownstreamClient);
                app.MapPost("/invocations", (HandoffRequest request, AgentCoreRequestContext context) => HandOffAsync(client, request, context));
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

    [TearDown]
    public async Task StopServers()
    {
        await _agent.DisposeAsync();
        await _downstream.DisposeAsync();
        await _environment.DisposeAsync();
    }

    /// <summary>Gives call i to worker i modulo the number of workers. Each worker makes its calls concurrently.</summary>
    private async Task<IResult> HandOffAsync(HttpClient client, HandoffRequest request, AgentCoreRequestContext context)
    {
        var workers = request.Workers.Select(name => Enum.Parse<WorkerKind>(name)).ToArray();
        var work = Enumerable.Range(0, CallsPerInvocation)
            .GroupBy(index => workers[index % workers.Length])
            .Select(share => BackgroundWorkers.RunAsync(share.Key, () => Task.WhenAll(share.Select(index => CallAsync(client, request.Name, index, context)))));
        await Task.WhenAll(work);
        return Results.Ok();
    }

    private async Task CallAsync(HttpClient client, string name, int index, AgentCoreRequestContext context)
    {
        _workerCalls.Enqueue(new WorkerCall(name, index, context.WorkloadAccessToken, context.UserToken));
        using var outbound = new HttpRequestMessage(HttpMethod.Get, $"calls/{name}/{index}").WithAgentCoreContext(context);
        using var response = await client.SendAsync(outbound);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Mints the invocation's token from its user JWT, as AgentCore Runtime does for JWT inbound auth.</summary>
    private Invocation CreateInvocation(string name, string userJwt)
    {
        var token = _environment.Emulator.IssueWorkloadAccessToken(EmulatorEnvironment.WorkloadName, userToken: userJwt);
        return new Invocation(name, Scan.Register(token, $"workload access token {name}"), userJwt);
    }

    private async Task InvokeAsync(Invocation invocation, WorkerKind[] workers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "invocations")
        {
            Content = JsonContent.Create(new HandoffRequest(invocation.Name, workers.Select(worker => worker.ToString()).ToArray())),
        };
        request.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, invocation.Token);
        request.Headers.Add("Authorization", "Bearer " + invocation.UserJwt);

        using var response = await _agent.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<TestCaseData> WorkerSets()
    {
        foreach (var worker in Enum.GetValues<WorkerKind>())
        {
            yield return new TestCaseData((object)new[] { worker }).SetArgDisplayNames(worker.ToString());
        }

        yield return new TestCaseData((object)Enum.GetValues<WorkerKind>()).SetArgDisplayNames("all five");
    }

    [TestCaseSource(nameof(WorkerSets))]
    public async Task Handed_off_calls_keep_their_invocation(WorkerKind[] workers)
    {
        var a = CreateInvocation("a", UserJwt1);
        var b = CreateInvocation("b", UserJwt2);

        await Task.WhenAll(InvokeAsync(a, workers), InvokeAsync(b, workers));

        _downstream.Calls.Should().HaveCount(2 * CallsPerInvocation);
        _workerCalls.Should().HaveCount(2 * CallsPerInvocation);
        foreach (var invocation in new[] { a, b })
        {
            ShouldHaveReachedDownstream(invocation);
            ShouldHaveReachedEmulator(invocation, "GetResourceApiKey");
            ShouldHaveReachedEmulator(invocation, "GetResourceOauth2Token");
            ShouldHaveBeenReadByWorkers(invocation);
        }
    }

    private void ShouldHaveReachedDownstream(Invocation invocation)
    {
        var calls = _downstream.Calls.Where(call => call.Path.StartsWith($"/calls/{invocation.Name}/", StringComparison.Ordinal)).ToArray();
        calls.Select(call => call.Path).Should().BeEquivalentTo(
            Enumerable.Range(0, CallsPerInvocation).Select(index => $"/calls/{invocation.Name}/{index}"), "each call arrives once");
        foreach (var call in calls)
        {
            call.WorkloadAccessToken.Should().Be(invocation.Token, $"{call.Path} belongs to invocation {invocation.Name}");
            call.ApiKey.Should().Be(_environment.ApiKey, call.Path);
            call.Authorization.Should().Be("Bearer " + OAuth2Token, call.Path);
            _environment.Emulator.FindWorkloadAccessToken(call.WorkloadAccessToken)!.UserToken
                .Should().Be(invocation.UserJwt, $"the token of {call.Path} stands for the user of invocation {invocation.Name}");
        }
    }

    private void ShouldHaveReachedEmulator(Invocation invocation, string operation)
    {
        var requests = _environment.Emulator.ReceivedRequests.Where(request => request.Operation == operation).ToArray();
        requests.Should().HaveCount(2 * CallsPerInvocation, operation);
        requests.Should().OnlyContain(request => request.SignatureValid && request.StatusCode == 200, operation);
        requests.Count(request => request.WorkloadAccessToken == invocation.Token).Should().Be(CallsPerInvocation, $"{operation} of invocation {invocation.Name}");
        foreach (var request in requests)
        {
            var userJwt = _environment.Emulator.FindWorkloadAccessToken(request.WorkloadAccessToken!)!.UserToken;
            (userJwt == invocation.UserJwt).Should().Be(request.WorkloadAccessToken == invocation.Token, "a token and its user JWT belong to the same invocation");
        }
    }

    private void ShouldHaveBeenReadByWorkers(Invocation invocation)
    {
        var reads = _workerCalls.Where(call => call.Name == invocation.Name).ToArray();
        reads.Select(call => call.Index).Should().BeEquivalentTo(Enumerable.Range(0, CallsPerInvocation));
        reads.Should().OnlyContain(call => call.WorkloadAccessToken == invocation.Token, $"the workers of {invocation.Name} read its token");
        reads.Should().OnlyContain(call => call.UserToken == invocation.UserJwt, $"the workers of {invocation.Name} read its user JWT");
    }
}
