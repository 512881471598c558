using BenchmarkDotNet.Running;

namespace AgentCoreIdentity.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, for example <c>--filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
