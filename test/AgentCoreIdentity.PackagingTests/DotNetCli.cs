namespace AgentCoreIdentity.PackagingTests;

/// <summary>Runs the .NET CLI and fails the test, with the full output, when a command fails.</summary>
public static class DotNetCli
{
    /// <summary>
    /// Time limit of one build, pack or publish. It is generous because the machine may be busy with other builds,
    /// and a command that hangs is still killed.
    /// </summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs <c>dotnet</c> with the arguments and returns the result. A non-zero exit code fails the test.</summary>
    public static async Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("dotnet", arguments, workingDirectory, CommandTimeout);
        result.ExitCode.Should().Be(0, result.Describe());
        return result;
    }
}
