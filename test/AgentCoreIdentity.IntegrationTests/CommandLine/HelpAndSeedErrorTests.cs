namespace AgentCoreIdentity.IntegrationTests.CommandLine;

/// <summary>The programs' <c>--help</c>, and the one-line reports of a bad option or seed file.</summary>
public class HelpAndSeedErrorTests : SecretScanningTest
{
    private static readonly Dictionary<string, string> NoEnvironment = new();

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("program-run-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase("AgentCoreIdentity.SampleAgent.dll", "--help")]
    [TestCase("AgentCoreIdentity.SampleAgent.dll", "-h")]
    [TestCase("AgentCoreIdentity.Emulator.dll", "--help")]
    [TestCase("AgentCoreIdentity.Emulator.dll", "-h")]
    public async Task Help_prints_usage_and_exits_0(string program, string option)
    {
        var result = await ProgramRun.RunAsync(program, NoEnvironment, option);

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().StartWith("Usage:");
        result.StandardOutput.Should().Contain("--port N");
        result.StandardError.Should().BeEmpty();
    }

    [TestCase("AgentCoreIdentity.Emulator.dll", "agentcore-identity-emulator [--port N]")]
    [TestCase("AgentCoreIdentity.Emulator.dll", "dotnet run --project src/AgentCoreIdentity.Emulator -- [--port N]")]
    [TestCase("AgentCoreIdentity.SampleAgent.dll", "dotnet run --project src/AgentCoreIdentity.SampleAgent -- demo")]
    [TestCase("AgentCoreIdentity.SampleAgent.dll", "SAMPLE_TOOL_KEY        the built-in tool API's key")]
    public async Task Help_names_commands_users_type(string program, string expected)
    {
        var result = await ProgramRun.RunAsync(program, NoEnvironment, "--help");

        result.StandardOutput.Should().Contain(expected);
        result.StandardOutput.Should().NotContain("AgentCoreIdentity.Emulator [--port", "the assembly name is not a command users type");
    }

    [Test]
    public async Task Empty_tool_key_variable_stops_agent()
    {
        var result = await ProgramRun.RunAsync("AgentCoreIdentity.SampleAgent.dll", new Dictionary<string, string> { ["SAMPLE_TOOL_KEY"] = string.Empty });

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().StartWith("The environment variable SAMPLE_TOOL_KEY is set but empty. Set it to the tool API's key, or unset it.");
    }

    [Test]
    public async Task Sample_agent_reports_invalid_provider()
    {
        var result = await ProgramRun.RunAsync("AgentCoreIdentity.SampleAgent.dll", NoEnvironment, "--provider", "bad name");

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().StartWith("The value of --provider has the character ' ' at position 3.");
    }

    [TestCase("--bogus")]
    [TestCase("--bogus", "value")]
    [TestCase("--port", "8090", "--bogus")]
    public async Task Emulator_names_unknown_option(params string[] arguments)
    {
        var result = await ProgramRun.RunAsync("AgentCoreIdentity.Emulator.dll", NoEnvironment, arguments);

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().StartWith("Unknown option '--bogus'.");
    }

    [Test]
    public async Task Emulator_names_option_without_value()
    {
        var result = await ProgramRun.RunAsync("AgentCoreIdentity.Emulator.dll", NoEnvironment, "--port");

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().StartWith("The option '--port' needs a value.");
    }

    [Test]
    public async Task Emulator_names_missing_seed_file()
    {
        var path = Path.Combine(_directory, "missing-seed.json");

        var result = await ProgramRun.RunAsync("AgentCoreIdentity.Emulator.dll", NoEnvironment, "--seed", path);

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().StartWith($"The seed file '{path}' was not found (full path '{path}').");
    }

    [Test]
    public async Task Emulator_names_one_line_of_bad_seed()
    {
        var path = Path.Combine(_directory, "seed.json");
        await File.WriteAllTextAsync(path, "{\n  \"region\": 5\n}\n");

        var result = await ProgramRun.RunAsync("AgentCoreIdentity.Emulator.dll", NoEnvironment, "--seed", path);

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Be(
            $"The seed file '{path}' is invalid at line 2, byte 14 (JSON path '$.region'): The JSON value could not be converted to System.String.{Environment.NewLine}");
    }
}
