namespace AgentCoreIdentity.Tests.Documentation;

/// <summary>Reads files of the repository the tests were built from, found by walking up to the solution file.</summary>
internal static class RepositoryFiles
{
    private const string SolutionFileName = "AgentCoreIdentity.sln";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the nearest directory above the test output that contains the solution file.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Returns the full path of a file given relative to the repository root, with '/' separators.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Returns the text of a file given relative to the repository root.</summary>
    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>Returns the path, relative to the root and with '/' separators, of a file under the root.</summary>
    public static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

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
            $"No directory above {TestContext.CurrentContext.TestDirectory} contains {SolutionFileName}; run the tests from a clone of the repository.");
    }
}
