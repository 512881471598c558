using AgentCoreIdentity.Benchmarks.Loopback;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace AgentCoreIdentity.Benchmarks;

/// <summary>
/// <c>GetApiKeyAsync</c> end to end against the loopback emulator, which verifies every signature, compared with a raw
/// <see cref="HttpClient"/> that signs with AWSSDK.Core's <c>SigV4SigningHandler</c> and sends the same request.
/// </summary>
/// <remarks>
/// <para>
/// Each invocation makes <see cref="CallsPerInvocation"/> calls: <see cref="Concurrency"/> workers, each awaiting its
/// calls one after another. BenchmarkDotNet divides by the number of calls, so Mean is the wall time per call and
/// Op/s the throughput in calls per second.
/// </para>
/// <para>
/// Each case runs in three processes of 20 iterations each. The client and the emulator share the machine's cores, so
/// a single process's result depends on where the scheduler puts its threads. Three launches average that out.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[ExceptionDiagnoser]
[ThreadingDiagnoser]
[OperationsPerSecond]
[SimpleJob(launchCount: 3, warmupCount: 5, iterationCount: 20)]
public class ApiKeyBenchmarks
{
    /// <summary>Calls per invocation; a multiple of every <see cref="Concurrency"/> value.</summary>
    public const int CallsPerInvocation = 512;

    private ServiceProvider _services = null!;
    private RawApiKeyClient _raw = null!;
    private ApiKeyProvider _provider = null!;
    private ApiKeyProvider _providerFromServices = null!;
    private AgentCoreRequestContext _context = null!;
    private byte[] _body = null!;

    /// <summary>Number of calls in flight at once.</summary>
    [Params(1, 64)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public async Task CreateClientsAsync()
    {
        var connection = EmulatorConnection.FromEnvironment();
        var options = connection.CreateOptions();
        _context = await new WorkloadAccessTokenClient(options).GetWorkloadAccessTokenForUserIdAsync(EmulatorConnection.WorkloadName, "benchmark-user");

        // The baseline gets the body bytes ready-made, so it does less work per call than a client that writes each body.
        _raw = new RawApiKeyClient(connection);
        _body = RawApiKeyClient.CreateBody(_context.WorkloadAccessToken!, EmulatorConnection.ApiKeyProviderName);

        _provider = new ApiKeyProvider(options);
        _services = connection.CreateServiceProvider();
        _providerFromServices = _services.GetRequiredService<ApiKeyProvider>();

        // Every client must get the same key before anything is measured. This also opens their first connections.
        var keys = new[]
        {
            await _raw.GetApiKeyAsync(_body),
            await _provider.GetApiKeyAsync(_context, EmulatorConnection.ApiKeyProviderName),
            await _providerFromServices.GetApiKeyAsync(_context, EmulatorConnection.ApiKeyProviderName),
        };
        if (keys.Distinct(StringComparer.Ordinal).Count() != 1 || string.IsNullOrEmpty(keys[0]))
        {
            throw new InvalidOperationException("The raw client and the SDK returned different API keys from the emulator.");
        }
    }

    [GlobalCleanup]
    public async Task DisposeClientsAsync()
    {
        _raw.Dispose();
        await _services.DisposeAsync();
    }

    /// <summary>A raw <see cref="HttpClient"/> with <c>SigV4SigningHandler</c>, posting a ready-made body.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvocation)]
    public Task RawHttpClient() => RunAsync(() => _raw.GetApiKeyAsync(_body));

    /// <summary>A provider built with its public constructor, which owns its <see cref="HttpClient"/>.</summary>
    [Benchmark(OperationsPerInvoke = CallsPerInvocation)]
    public Task SdkConstructed() => RunAsync(() => _provider.GetApiKeyAsync(_context, EmulatorConnection.ApiKeyProviderName));

    /// <summary>The provider that <c>AddAgentCoreIdentity</c> registers, over <see cref="IHttpClientFactory"/>.</summary>
    [Benchmark(OperationsPerInvoke = CallsPerInvocation)]
    public Task SdkFromServices() =>
        RunAsync(() => _providerFromServices.GetApiKeyAsync(_context, EmulatorConnection.ApiKeyProviderName));

    private Task RunAsync(Func<Task<string>> call)
    {
        var callsPerWorker = CallsPerInvocation / Concurrency;
        var workers = new Task[Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = CallRepeatedlyAsync(call, callsPerWorker);
        }

        return Task.WhenAll(workers);
    }

    private static async Task CallRepeatedlyAsync(Func<Task<string>> call, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await call();
        }
    }
}
