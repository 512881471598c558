namespace AgentCoreIdentity.IntegrationTests.CommandLine;

/// <summary>
/// The <c>agentcore-identity iam-policy</c> command's report of invalid input: the option as the user typed it and the
/// rule, without the C# parameter name that <see cref="ArgumentException.Message"/> appends.
/// </summary>
public class PolicyCommandErrorTests : SecretScanningTest
{
    private const string Program = "agentcore-identity.dll";

    private static readonly Dictionary<string, string> NoEnvironment = new();

    private static readonly string[] ValidRuntimeRole =
        ["iam-policy", "runtime-role", "--region", "us-east-1", "--account", "111122223333", "--workload", "my-agent", "--api-key-provider", "github-api-key"];

    private static string[] RuntimeRoleWith(string option, string value)
    {
        var arguments = ValidRuntimeRole.ToArray();
        arguments[Array.IndexOf(arguments, option) + 1] = value;
        return arguments;
    }

    private static async Task<string> FirstErrorLineAsync(params string[] arguments)
    {
        var result = await ProgramRun.RunAsync(Program, NoEnvironment, arguments);

        result.ExitCode.Should().Be(2, result.StandardError);
        result.StandardOutput.Should().BeEmpty();
        result.StandardError.Should().NotContain("(Parameter '", "the user typed an option, not a C# parameter");
        result.StandardError.Should().Contain("Usage:");
        return result.StandardError.Split(Environment.NewLine)[0];
    }

    [TestCase("--account", "1234", "The option --account is invalid. The account id '1234' is not 12 digits.")]
    [TestCase("--region", "us_east", "The option --region is invalid. The region 'us_east' is not a region name such as 'us-east-1'.")]
    [TestCase("--workload", "ab", "The option --workload is invalid. The workload identity name 'ab' is 2 characters long; it must be 3 to 255.")]
    [TestCase("--api-key-provider", "bad name", "The option --api-key-provider is invalid. The credential provider name 'bad name' contains a character other than letters, digits, '-' and '_'.")]
    public async Task Runtime_role_names_invalid_option(string option, string value, string expected)
    {
        (await FirstErrorLineAsync(RuntimeRoleWith(option, value))).Should().Be(expected);
    }

    [Test]
    public async Task Runtime_role_names_invalid_oauth2_provider()
    {
        var line = await FirstErrorLineAsync([.. ValidRuntimeRole, "--oauth2-provider", "bad/name"]);

        line.Should().Be("The option --oauth2-provider is invalid. The credential provider name 'bad/name' contains a character other than letters, digits, '-' and '_'.");
    }

    [Test]
    public async Task Runtime_role_without_provider_names_both_options()
    {
        var line = await FirstErrorLineAsync(ValidRuntimeRole[..^2]);

        line.Should().Be("Give at least one --api-key-provider or --oauth2-provider, because a policy needs a statement.");
    }

    [Test]
    public async Task Caller_names_invalid_runtime_arn()
    {
        var line = await FirstErrorLineAsync("iam-policy", "caller", "--runtime-arn", "arn:aws:bedrock-agentcore:us-east-1:1234:runtime/x");

        line.Should().Be(
            "The option --runtime-arn is invalid. The agent runtime ARN must look like arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/my_agent-AbCdEf1234.");
    }

    [Test]
    public async Task Help_names_tool_and_dotnet_run()
    {
        var result = await ProgramRun.RunAsync(Program, NoEnvironment, "--help");

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain("agentcore-identity iam-policy runtime-role --region REGION");
        result.StandardOutput.Should().Contain("dotnet run --project src/AgentCoreIdentity.Cli -- iam-policy");
    }

    [Test]
    public async Task Valid_runtime_role_prints_policy()
    {
        var result = await ProgramRun.RunAsync(Program, NoEnvironment, ValidRuntimeRole);

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain("\"bedrock-agentcore:GetResourceApiKey\"");
        result.StandardError.Should().BeEmpty();
    }
}
