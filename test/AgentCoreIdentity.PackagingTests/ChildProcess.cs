using System.Diagnostics;
using System.Text;

namespace AgentCoreIdentity.PackagingTests;

/// <summary>The exit code and the captured output of a finished child process.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything a failure report needs: the command, the exit code and both output streams.</summary>
    public string Describe() =>
        $"'{CommandLine}' exited with {ExitCode}.{Environment.NewLine}" +
        $"--- stdout ---{Environment.NewLine}{StandardOutput}{Environment.NewLine}" +
        $"--- stderr ---{Environment.NewLine}{StandardError}";
}

/// <summary>
/// Runs a program to completion with a time limit. On timeout or cancellation it kills the whole process tree, so no
/// compiler server or build node outlives the test.
/// </summary>
public static class ChildProcess
{
    /// <summary>
    /// Prefixes of MSBuild and VSTest settings that the test host may inherit from <c>dotnet test</c>. The child
    /// <c>dotnet</c> starts from its own defaults instead.
    /// </summary>
    private static readonly string[] InheritedPrefixesToRemove = ["MSBuild", "MSBUILD", "VSTEST_"];

    /// <summary>Runs <paramref name="fileName"/> and returns its result, whatever the exit code.</summary>
    /// <exception cref="TimeoutException">The process ran longer than <paramref name="timeout"/>. The message contains its output.</exception>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        PrepareEnvironment(startInfo.Environment, environment);

        var commandLine = $"{fileName} {string.Join(' ', arguments)}";
        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);

        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            // Returns once the process has exited and both output streams are read to their end.
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            var partial = new ProcessResult(commandLine, process.ExitCode, Read(output), Read(error));
            throw new TimeoutException($"The command did not finish within {timeout}, so it was killed. {partial.Describe()}");
        }

        return new ProcessResult(commandLine, process.ExitCode, Read(output), Read(error));
    }

    private static void PrepareEnvironment(IDictionary<string, string?> target, IReadOnlyDictionary<string, string>? extra)
    {
        foreach (var name in target.Keys.Where(name => InheritedPrefixesToRemove.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))).ToList())
        {
            target.Remove(name);
        }

        // Build nodes and the compiler server would otherwise keep running after the command. They would inherit its
        // output pipes, so waiting for the end of the output would hang.
        target["MSBUILDDISABLENODEREUSE"] = "1";
        target["UseSharedCompilation"] = "false";
        target["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        target["DOTNET_NOLOGO"] = "1";
        target["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            target[name] = value;
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}
