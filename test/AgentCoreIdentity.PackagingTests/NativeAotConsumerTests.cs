namespace AgentCoreIdentity.PackagingTests;

/// <summary>
/// Publishes test/AgentCoreIdentity.PackageConsumer with native AOT and runs it against the emulator. The consumer
/// roots the whole library, so the AOT compiler analyzes every type and member of it, not only the code the program
/// reaches, and warnings are errors.
/// </summary>
/// <remarks>
/// Native AOT needs a C toolchain (clang, or gcc as a fallback) and the AOT compiler package, which restore downloads.
/// </remarks>
public class NativeAotConsumerTests
{
    private const string ConsumerName = "AgentCoreIdentity.PackageConsumer";

    private string _workDirectory = null!;

    [SetUp]
    public void CreateWorkDirectory() => _workDirectory = Directory.CreateTempSubdirectory("agentcore-identity-aot-").FullName;

    [TearDown]
    public void DeleteWorkDirectory() => Directory.Delete(_workDirectory, recursive: true);

    [Test]
    public async Task Aot_consumer_fetches_api_key()
    {
        var artifacts = Path.Combine(_workDirectory, "artifacts");

        var publish = await DotNetCli.RunAsync(
            RepositoryLayout.Root,
            "publish", RepositoryLayout.ConsumerProject,
            "--configuration", "Release",
            "--use-current-runtime",
            "--artifacts-path", artifacts,
            "-p:PublishAot=true");

        publish.StandardOutput.Should().NotContainAny(["warning IL", "warning SYSLIB"], "the library must publish without trim or AOT warnings");
        var executable = Directory.GetFiles(Path.Combine(artifacts, "publish"), ExecutableName(), SearchOption.AllDirectories)
            .Should().ContainSingle("the publish folder holds one native executable").Which;

        await using var emulator = await ConsumerEmulator.StartAsync();
        var run = await ChildProcess.RunAsync(executable, [], _workDirectory, TimeSpan.FromMinutes(1), emulator.ConsumerEnvironment);

        emulator.ShouldHaveServedConsumer(run);
    }

    private static string ExecutableName() => OperatingSystem.IsWindows() ? ConsumerName + ".exe" : ConsumerName;
}
