using System.Security.Cryptography;
using AgentCoreIdentity.Emulator;

namespace AgentCoreIdentity.Benchmarks.Loopback;

/// <summary>
/// The emulator that the end-to-end benchmarks call, on 127.0.0.1 in the BenchmarkDotNet host process, with a
/// random access key, a workload identity, an API-key provider and an OAuth2 provider.
/// </summary>
/// <remarks>
/// BenchmarkDotNet measures each benchmark in a child process, which finds this emulator through the variables of
/// <see cref="EmulatorConnection"/>. The server stays out of the measured process because MemoryDiagnoser counts
/// the bytes that every thread of that process allocates (<c>GC.GetTotalAllocatedBytes</c>), so a server there would
/// add its own allocations to every row. Both processes still share the machine's cores.
/// </remarks>
internal sealed class BenchmarkEmulator : IAsyncDisposable
{
    // The emulator records every request it receives. A run sends millions, so the record is emptied every second.
    private static readonly TimeSpan ClearInterval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private Task _clearing = Task.CompletedTask;

    private BenchmarkEmulator(IdentityEmulator emulator, EmulatorConnection connection, string apiKey)
    {
        Emulator = emulator;
        Connection = connection;
        ApiKey = apiKey;
    }

    public IdentityEmulator Emulator { get; }

    public EmulatorConnection Connection { get; }

    /// <summary>The key stored in <see cref="EmulatorConnection.ApiKeyProviderName"/>.</summary>
    public string ApiKey { get; }

    public static async Task<BenchmarkEmulator> StartAsync()
    {
        var key = new EmulatorAccessKey
        {
            AccessKeyId = "AKIABENCH" + RandomNumberGenerator.GetHexString(11),
            SecretAccessKey = RandomNumberGenerator.GetHexString(40),
        };

        // Tokens minted in a benchmark's setup must outlive the longest run.
        var options = new IdentityEmulatorOptions { WorkloadAccessTokenLifetime = TimeSpan.FromDays(1) };
        options.AccessKeys.Add(key);

        var emulator = await IdentityEmulator.StartAsync(options);
        var apiKey = "bench_" + RandomNumberGenerator.GetHexString(36);
        emulator.AddWorkloadIdentity(EmulatorConnection.WorkloadName);
        emulator.AddApiKeyProvider(EmulatorConnection.ApiKeyProviderName, apiKey);
        emulator.AddOAuth2Provider(EmulatorConnection.OAuth2ProviderName, "bench-m2m-" + RandomNumberGenerator.GetHexString(36));

        var connection = new EmulatorConnection(emulator.Endpoint, emulator.Region, key.AccessKeyId, key.SecretAccessKey);
        return new BenchmarkEmulator(emulator, connection, apiKey);
    }

    /// <summary>Starts emptying the request record every second, so that the host's memory stays flat.</summary>
    public void StartClearingReceivedRequests() => _clearing = ClearReceivedRequestsAsync(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _clearing;
        _stop.Dispose();
        await Emulator.DisposeAsync();
    }

    private async Task ClearReceivedRequestsAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ClearInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Emulator.ClearReceivedRequests();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposal stops the loop.
        }
    }
}
