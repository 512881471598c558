using System.Diagnostics;

namespace AgentCoreIdentity.IntegrationTests.CommandLine;

/// <summary>
/// Runs one of the repository's programs from the test output folder as a child process, as <c>dotnet run</c> would,
/// and returns its exit code and everything it wrote.
/// </summary>
internal static class ProgramRun
{
    /// <summary>How long a program may run before the test gives up on it. It guards against a hang and orders nothing.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>Runs <c>dotnet <paramref name="assemblyFile"/> <paramref name="arguments"/></c> with extra environment variables.</summary>
    public static async Task<ProgramResult> RunAsync(string assemblyFile, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assemblyFile));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {assemblyFile} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {assemblyFile} {string.Join(' ', arguments)} was still running after {HangGuard.TotalSeconds} s.");
        }

        return new ProgramResult(process.ExitCode, await output, await error);
    }

    // The test host itself runs on the dotnet host, which can then run any framework-dependent program of the output folder.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}

/// <summary>Exit code and output of a finished program.</summary>
internal sealed record ProgramResult(int ExitCode, string StandardOutput, string StandardError);
