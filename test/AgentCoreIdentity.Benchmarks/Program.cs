using AgentCoreIdentity.Benchmarks.Loopback;
using BenchmarkDotNet.Running;

namespace AgentCoreIdentity.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, for example <c>--filter '*'</c>.</summary>
public static class Program
{
    /// <summary>
    /// Starts the loopback emulator, checks that the raw baseline and the SDK send the same request, publishes the
    /// emulator's address for the benchmark processes, and runs the benchmarks.
    /// </summary>
    public static async Task Main(string[] args)
    {
        await using var emulator = await BenchmarkEmulator.StartAsync();
        await SameRequestCheck.RunAsync(emulator);
        emulator.Connection.Publish();
        emulator.StartClearingReceivedRequests();

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
