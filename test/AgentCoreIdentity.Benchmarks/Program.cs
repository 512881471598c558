using AgentCoreIdentity.Benchmarks.Loopback;
using BenchmarkDotNet.Running;

namespace AgentCoreIdentity.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, for example <c>--filter '*'</c>.</summary>
public static class Program
{
    /// <summary>
    /// Runtime setting for how long idle thread-pool workers spin before they sleep. docs/benchmarks.md runs the
    /// end-to-end benchmarks with it set to 0, because the client and the emulator share the machine's cores.
    /// </summary>
    private const string SpinLimitVariable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>
    /// Starts the loopback emulator, checks that the raw baseline and the SDK send the same request, publishes the
    /// emulator's address for the benchmark processes, and runs the benchmarks.
    /// </summary>
    public static async Task Main(string[] args)
    {
        if (Environment.GetEnvironmentVariable(SpinLimitVariable) is null)
        {
            await Console.Error.WriteLineAsync(
                $"{SpinLimitVariable} is not set, so idle thread-pool workers of the client and of the emulator spin "
                + "on the same cores, which slows the end-to-end results at concurrency 1. docs/benchmarks.md sets it to 0.");
        }

        await using var emulator = await BenchmarkEmulator.StartAsync();
        await SameRequestCheck.RunAsync(emulator);
        emulator.Connection.Publish();
        emulator.StartClearingReceivedRequests();

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
