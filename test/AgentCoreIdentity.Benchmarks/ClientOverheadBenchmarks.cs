using System.Security.Cryptography;
using AgentCoreIdentity.Benchmarks.Loopback;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace AgentCoreIdentity.Benchmarks;

/// <summary>
/// The client side of one <c>GetApiKeyAsync</c> call, without a network or a server. The raw client and the SDK both
/// sign with AWSSDK.Core's <c>SigV4SigningHandler</c> over <see cref="CannedResponseHandler"/>, so the difference is
/// the CPU time and allocations of the SDK's own pipeline: argument checks, body writing, retries and timeouts,
/// telemetry, response parsing and error mapping.
/// </summary>
/// <remarks>
/// The SDK is registered with <c>AddAgentCoreIdentity</c>, whose primary handler is replaced by the signer over the
/// canned transport; that is the only public way to put a stub under its signer.
/// </remarks>
[MemoryDiagnoser]
[ExceptionDiagnoser]
public class ClientOverheadBenchmarks
{
    private ServiceProvider _services = null!;
    private RawApiKeyClient _raw = null!;
    private ApiKeyProvider _provider = null!;
    private AgentCoreRequestContext _context = null!;
    private byte[] _body = null!;

    [GlobalSetup]
    public async Task CreateClientsAsync()
    {
        // Nothing listens on this address, because the canned transport returns every response.
        var connection = new EmulatorConnection(
            new Uri("http://127.0.0.1:9/"),
            "us-east-1",
            "AKIACANNED" + RandomNumberGenerator.GetHexString(10),
            RandomNumberGenerator.GetHexString(40));
        _context = new AgentCoreRequestContext { WorkloadAccessToken = "emulated-wat." + RandomNumberGenerator.GetHexString(43) };

        _raw = new RawApiKeyClient(connection, new CannedResponseHandler());
        _body = RawApiKeyClient.CreateBody(_context.WorkloadAccessToken, EmulatorConnection.ApiKeyProviderName);

        var services = new ServiceCollection();
        services.AddAgentCoreIdentity(connection.Configure)
            .ConfigurePrimaryHttpMessageHandler(() => RawApiKeyClient.CreateSigner(connection, new CannedResponseHandler()));
        _services = services.BuildServiceProvider();
        _provider = _services.GetRequiredService<ApiKeyProvider>();

        var keys = new[] { await RawHttpClient(), await SdkFromServices() };
        if (keys.Any(key => key != CannedResponseHandler.ApiKey))
        {
            throw new InvalidOperationException("A client did not return the canned API key.");
        }
    }

    [GlobalCleanup]
    public async Task DisposeClientsAsync()
    {
        _raw.Dispose();
        await _services.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<string> RawHttpClient() => _raw.GetApiKeyAsync(_body);

    [Benchmark]
    public Task<string> SdkFromServices() => _provider.GetApiKeyAsync(_context, EmulatorConnection.ApiKeyProviderName);
}
