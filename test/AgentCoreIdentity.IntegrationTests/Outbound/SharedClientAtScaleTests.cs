using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using AgentCoreIdentity.IntegrationTests.Runtime;
using AgentCoreIdentity.SampleAgent.Jobs;
using FluentAssertions.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentCoreIdentity.IntegrationTests.Outbound;

/// <summary>
/// 1,000 concurrent invocations, each with its own workload access token and <c>Authorization: Bearer</c> user JWT,
/// hand their record to background work of one kind. Each worker makes 20 calls, one after another, through one
/// HttpClient that the agent built at start-up from <see cref="IHttpClientFactory"/> with the API-key, access-token
/// and token-propagation handlers. The downstream API delays its response to the first call of every invocation until
/// all 1,000 first calls have arrived, so the invocations run together and their calls interleave. The emulator's request log, the downstream
/// API's record and what each worker read from its record prove that every call carried its own invocation's values.
/// </summary>
/// <remarks>
/// The calls of one invocation run one after another, so at most 1,000 outbound calls are in flight at once. Each
/// call in flight keeps a few sockets open on both ends of the loopback connections, and the test process must stay
/// within its file-descriptor limit.
/// </remarks>
public class SharedClientAtScaleTests : SecretScanningTest
{
    private const int Invocations = 1_000;
    private const int CallsPerInvocation = 20;
    private const string DownstreamClient = "downstream";
    private const string OAuth2Provider = "inventory-m2m";
    private const string OAuth2Token = "emulated-m2m-access-token-9d1a";

    private ConcurrentQueue<WorkerCall> _workerCalls = null!;
    private EmulatorEnvironment _environment = null!;
    private DownstreamRecorder _downstream = null!;
    private RuntimeTestHost _agent = null!;

    /// <summary>The body of <c>POST /invocations</c>: a name for the paths of its calls, and the worker to hand them to.</summary>
    public sealed record ScaleRequest(string Name, string Worker);

    /// <summary>What a worker read from the record it received, just before call <paramref name="Index"/>.</summary>
    private sealed record WorkerCall(string Name, int Index, string? WorkloadAccessToken, string? UserToken);

    /// <summary>One invocation: the name in its call paths, its token and the header that carries it, and its user JWT.</summary>
    private sealed record Invocation(string Name, string Token, string TokenHeader, string UserJwt);

    [SetUp]
    public async Task StartServers()
    {
        _workerCalls = new ConcurrentQueue<WorkerCall>();
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        _environment.Emulator.AddOAuth2Provider(OAuth2Provider, Scan.Register(OAuth2Token, "OAuth2 access token"));

        // The first call of each invocation waits until the first calls of all invocations are in flight together.
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstCalls = 0;
        _downstream = await DownstreamRecorder.StartAsync(request =>
        {
            if (CallIndex(request.Path.Value) != 0)
            {
                return Task.CompletedTask;
            }

            if (Interlocked.Increment(ref firstCalls) == Invocations)
            {
                allStarted.SetResult();
            }

            return allStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        });

        _agent = await RuntimeTestHost.StartAsync(
            Scan,
            app =>
            {
                // One client, built at start-up and shared by every invocation and every worker.
                var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(DownstreamClient);
                app.MapPost("/invocations", (ScaleRequest request, AgentCoreRequestContext context) => HandOffAsync(client, request, context));
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

    /// <summary>Hands the invocation's calls to one worker, which makes them one after another.</summary>
    private async Task<IResult> HandOffAsync(HttpClient client, ScaleRequest request, AgentCoreRequestContext context)
    {
        var worker = Enum.Parse<WorkerKind>(request.Worker);
        await BackgroundWorkers.RunAsync(worker, async () =>
        {
            for (var index = 0; index < CallsPerInvocation; index++)
            {
                await CallAsync(client, request.Name, index, context);
            }
        });

        return Results.Ok();
    }

    private async Task CallAsync(HttpClient client, string name, int index, AgentCoreRequestContext context)
    {
        _workerCalls.Enqueue(new WorkerCall(name, index, context.WorkloadAccessToken, context.UserToken));
        using var outbound = new HttpRequestMessage(HttpMethod.Get, $"calls/{name}/{index}").WithAgentCoreContext(context);
        using var response = await client.SendAsync(outbound);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Mints the invocation's token from its own user JWT, as AgentCore Runtime does for JWT inbound auth.</summary>
    private Invocation CreateInvocation(int index)
    {
        var number = index.ToString("D4", CultureInfo.InvariantCulture);
        var claims = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"sub\":\"user-{number}\"}}"));
        var userJwt = Scan.Register($"eyJhbGciOiJSUzI1NiJ9.{claims}.c2lnbmF0dXJl-{number}", $"user JWT {number}");
        var token = _environment.Emulator.IssueWorkloadAccessToken(EmulatorEnvironment.WorkloadName, userToken: userJwt);

        // Rotate the three spellings of the token header across invocations.
        var header = AgentCoreHeaderNames.WorkloadAccessTokenHeaders[index % AgentCoreHeaderNames.WorkloadAccessTokenHeaders.Count];
        return new Invocation("inv-" + number, Scan.Register(token, $"workload access token {number}"), header, userJwt);
    }

    private async Task InvokeAsync(Invocation invocation, WorkerKind worker)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "invocations")
        {
            Content = JsonContent.Create(new ScaleRequest(invocation.Name, worker.ToString())),
        };
        request.Headers.TryAddWithoutValidation(invocation.TokenHeader, invocation.Token);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + invocation.UserJwt);

        using var response = await _agent.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"invocation {invocation.Name}: {await response.Content.ReadAsStringAsync()}");
    }

    [TestCase(WorkerKind.Task)]
    [TestCase(WorkerKind.Thread)]
    [TestCase(WorkerKind.Channel)]
    [TestCase(WorkerKind.Parallel)]
    [TestCase(WorkerKind.ThreadPool)]
    public async Task Every_call_keeps_its_invocation_C4(WorkerKind worker)
    {
        var invocations = Enumerable.Range(0, Invocations).Select(CreateInvocation).ToArray();

        await Task.WhenAll(invocations.Select(invocation => InvokeAsync(invocation, worker)));

        // Every check runs, so that a failure shows each place where another invocation's values turned up.
        using var checks = new AssertionScope();
        var byName = invocations.ToDictionary(invocation => invocation.Name);
        OverlapMismatches().Should().BeEmpty("the first calls of all invocations were in flight together");
        ToolRecordMismatches(byName).Should().BeEmpty("the downstream API received every call once, with its own invocation's credentials");
        EmulatorMismatches(invocations, "GetResourceApiKey").Should().BeEmpty("each invocation fetched its API keys with its own token");
        EmulatorMismatches(invocations, "GetResourceOauth2Token").Should().BeEmpty("each invocation fetched its access tokens with its own token");
        WorkerMismatches(byName).Should().BeEmpty("each worker read its own invocation's record");
    }

    /// <summary>Returns a line when a second call reached the downstream API before the last first call did.</summary>
    private List<string> OverlapMismatches()
    {
        var paths = _downstream.Calls.Select(call => call.Path).ToList();
        var lastFirstCall = paths.FindLastIndex(path => CallIndex(path) == 0);
        var firstSecondCall = paths.FindIndex(path => CallIndex(path) == 1);
        return firstSecondCall >= 0 && firstSecondCall < lastFirstCall
            ? [$"{paths[firstSecondCall]} arrived before {paths[lastFirstCall]}"]
            : [];
    }

    /// <summary>Returns the index of the call that a path <c>/calls/{name}/{index}</c> names, or -1 for another path.</summary>
    private static int CallIndex(string? path) =>
        path?.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["calls", _, var index] && int.TryParse(index, CultureInfo.InvariantCulture, out var value)
            ? value
            : -1;

    /// <summary>Returns one line per downstream call that is missing, repeated or carries another invocation's values.</summary>
    private List<string> ToolRecordMismatches(Dictionary<string, Invocation> byName)
    {
        var problems = new List<string>();
        var calls = _downstream.Calls;
        if (calls.Count != Invocations * CallsPerInvocation)
        {
            problems.Add($"the downstream API received {calls.Count} calls, not {Invocations * CallsPerInvocation}");
        }

        var seenPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            var segments = call.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length != 3 || !byName.TryGetValue(segments[1], out var invocation))
            {
                problems.Add($"{call.Path} belongs to no invocation");
                continue;
            }

            if (!seenPaths.Add(call.Path))
            {
                problems.Add($"{call.Path} arrived more than once");
            }

            if (call.WorkloadAccessToken != invocation.Token)
            {
                problems.Add($"{call.Path} carried another invocation's workload access token");
            }

            if (_environment.Emulator.FindWorkloadAccessToken(call.WorkloadAccessToken)?.UserToken != invocation.UserJwt)
            {
                problems.Add($"the token of {call.Path} was minted for another user JWT than invocation {invocation.Name}'s");
            }

            if (call.ApiKey != _environment.ApiKey)
            {
                problems.Add($"{call.Path} carried a wrong API key");
            }

            if (call.Authorization != "Bearer " + OAuth2Token)
            {
                problems.Add($"{call.Path} carried a wrong Authorization header");
            }
        }

        return problems;
    }

    /// <summary>
    /// Returns one line per invocation whose token did not reach <paramref name="operation"/> exactly once per call,
    /// and per request that was unsigned, failed, or carried a token minted for another user JWT.
    /// </summary>
    private List<string> EmulatorMismatches(Invocation[] invocations, string operation)
    {
        var problems = new List<string>();
        var requests = _environment.Emulator.ReceivedRequests.Where(request => request.Operation == operation).ToArray();
        if (requests.Length != Invocations * CallsPerInvocation)
        {
            problems.Add($"the emulator received {requests.Length} {operation} requests, not {Invocations * CallsPerInvocation}");
        }

        var byToken = invocations.ToDictionary(invocation => invocation.Token, StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            if (!request.SignatureValid || request.StatusCode != 200)
            {
                problems.Add($"{operation} #{request.Sequence}: signature valid {request.SignatureValid}, status {request.StatusCode}");
            }

            if (request.WorkloadAccessToken is not { } token || !byToken.TryGetValue(token, out var invocation))
            {
                problems.Add($"{operation} #{request.Sequence} carried a token of no invocation");
                continue;
            }

            counts[token] = counts.GetValueOrDefault(token) + 1;
            if (_environment.Emulator.FindWorkloadAccessToken(token)?.UserToken != invocation.UserJwt)
            {
                problems.Add($"{operation} #{request.Sequence}: the token of invocation {invocation.Name} was minted for another user JWT");
            }
        }

        foreach (var invocation in invocations)
        {
            var count = counts.GetValueOrDefault(invocation.Token);
            if (count != CallsPerInvocation)
            {
                problems.Add($"{operation}: invocation {invocation.Name}'s token arrived {count} times, not {CallsPerInvocation}");
            }
        }

        return problems;
    }

    /// <summary>Returns one line per worker read that is missing, repeated or saw another invocation's values.</summary>
    private List<string> WorkerMismatches(Dictionary<string, Invocation> byName)
    {
        var problems = new List<string>();
        var reads = _workerCalls.ToArray();
        if (reads.Length != Invocations * CallsPerInvocation)
        {
            problems.Add($"the workers made {reads.Length} calls, not {Invocations * CallsPerInvocation}");
        }

        var seen = new HashSet<(string, int)>();
        foreach (var read in reads)
        {
            var invocation = byName[read.Name];
            if (!seen.Add((read.Name, read.Index)))
            {
                problems.Add($"call {read.Index} of {read.Name} was made more than once");
            }

            if (read.WorkloadAccessToken != invocation.Token)
            {
                problems.Add($"the worker of {read.Name} read another invocation's token before call {read.Index}");
            }

            if (read.UserToken != invocation.UserJwt)
            {
                problems.Add($"the worker of {read.Name} read another invocation's user JWT before call {read.Index}");
            }
        }

        return problems;
    }
}
