using AgentCoreIdentity.Benchmarks.Loopback;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;

namespace AgentCoreIdentity.Benchmarks;

/// <summary>
/// A burst of <see cref="Invocations"/> invocations in flight at once against the loopback emulator. Each has its own
/// context and workload access token and makes <see cref="CallsPerInvocation"/> calls one after another, alternating
/// <c>GetApiKeyAsync</c> and an M2M <c>GetAccessTokenAsync</c>, through the providers that <c>AddAgentCoreIdentity</c>
/// registers.
/// </summary>
/// <remarks>
/// One iteration is one burst of 10,000 calls, so the Monitoring strategy runs it without pilot or overhead stages.
/// Six bursts are discarded as warm-up, because the first ones run while the thread pool and the connection pool grow.
/// BenchmarkDotNet divides by the number of calls: Mean is the wall time per call, Op/s the calls per second, and
/// Allocated the bytes per call.
/// </remarks>
[MemoryDiagnoser]
[ExceptionDiagnoser]
[ThreadingDiagnoser]
[OperationsPerSecond]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 6, iterationCount: 15)]
public class ScalingBenchmarks
{
    /// <summary>Invocations in flight at once.</summary>
    public const int Invocations = 1_000;

    /// <summary>Identity calls that each invocation makes.</summary>
    public const int CallsPerInvocation = 10;

    private static readonly AccessTokenRequest M2MRequest = new()
    {
        ProviderName = EmulatorConnection.OAuth2ProviderName,
        Flow = OAuth2Flow.M2M,
        Scopes = ["inventory.read"],
    };

    private ServiceProvider _services = null!;
    private ApiKeyProvider _apiKeys = null!;
    private AccessTokenProvider _accessTokens = null!;
    private AgentCoreRequestContext[] _contexts = null!;

    [GlobalSetup]
    public async Task CreateInvocationsAsync()
    {
        _services = EmulatorConnection.FromEnvironment().CreateServiceProvider();
        _apiKeys = _services.GetRequiredService<ApiKeyProvider>();
        _accessTokens = _services.GetRequiredService<AccessTokenProvider>();

        // Each invocation gets a token of its own user, as AgentCore Runtime delivers one per invocation.
        var tokens = _services.GetRequiredService<WorkloadAccessTokenClient>();
        _contexts = new AgentCoreRequestContext[Invocations];
        for (var i = 0; i < _contexts.Length; i++)
        {
            var minted = await tokens.GetWorkloadAccessTokenForUserIdAsync(EmulatorConnection.WorkloadName, $"benchmark-user-{i}");
            _contexts[i] = minted with { SessionId = $"benchmark-session-{i}" };
        }
    }

    [GlobalCleanup]
    public async Task DisposeServicesAsync() => await _services.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Invocations * CallsPerInvocation)]
    public Task ThousandInvocationsOfTenCalls()
    {
        var invocations = new Task[_contexts.Length];
        for (var i = 0; i < invocations.Length; i++)
        {
            invocations[i] = InvokeAsync(_contexts[i]);
        }

        return Task.WhenAll(invocations);
    }

    private async Task InvokeAsync(AgentCoreRequestContext context)
    {
        for (var call = 0; call < CallsPerInvocation; call++)
        {
            if (call % 2 == 0)
            {
                await _apiKeys.GetApiKeyAsync(context, EmulatorConnection.ApiKeyProviderName);
            }
            else
            {
                await _accessTokens.GetAccessTokenAsync(context, M2MRequest);
            }
        }
    }
}
