namespace AgentCoreIdentity.PackagingTests;

/// <summary>Paths in the repository that the tests build from, found from the test assembly's folder.</summary>
public static class RepositoryLayout
{
    private const string SolutionFileName = "AgentCoreIdentity.sln";

    /// <summary>The folder that contains <c>AgentCoreIdentity.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string LibraryProject => Path.Combine(Root, "src", "AgentCoreIdentity", "AgentCoreIdentity.csproj");

    public static string ConsumerProject => Path.Combine(Root, "test", "AgentCoreIdentity.PackageConsumer", "AgentCoreIdentity.PackageConsumer.csproj");

    public static string ConsumerProgram => Path.Combine(Root, "test", "AgentCoreIdentity.PackageConsumer", "Program.cs");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above '{TestContext.CurrentContext.TestDirectory}' contains {SolutionFileName}; run the tests from a clone of the repository.");
    }
}
