using System.Text.Json;
using System.Text.RegularExpressions;
using AgentCoreIdentity.Cli;

namespace AgentCoreIdentity.Tests;

public class AgentCoreIdentityPolicyTests
{
    private const string Account = "111122223333";

    private static JsonElement[] Statements(string policy)
    {
        using var document = JsonDocument.Parse(policy);
        return document.RootElement.GetProperty("Statement").EnumerateArray().Select(statement => statement.Clone()).ToArray();
    }

    private static string[] Resources(JsonElement statement) =>
        statement.GetProperty("Resource").EnumerateArray().Select(resource => resource.GetString()!).ToArray();

    /// <summary>Checks the parts of the IAM policy grammar these policies use.</summary>
    private static void ShouldBeValidIamPolicy(string policy)
    {
        using var document = JsonDocument.Parse(policy);
        var root = document.RootElement;
        root.EnumerateObject().Select(property => property.Name).Should().Equal("Version", "Statement");
        root.GetProperty("Version").GetString().Should().Be("2012-10-17");
        var sids = new HashSet<string>();
        foreach (var statement in root.GetProperty("Statement").EnumerateArray())
        {
            var sid = statement.GetProperty("Sid").GetString()!;
            Regex.IsMatch(sid, "^[A-Za-z0-9]+$").Should().BeTrue($"Sid '{sid}' must be alphanumeric");
            sids.Add(sid).Should().BeTrue($"Sid '{sid}' must be unique");
            statement.GetProperty("Effect").GetString().Should().Be("Allow");
            statement.GetProperty("Action").GetString().Should().MatchRegex("^[a-z-]+:[A-Za-z0-9]+$");
            Resources(statement).Should().NotBeEmpty().And.OnlyContain(arn => arn.StartsWith("arn:", StringComparison.Ordinal));
        }
    }

    [Test]
    public void Runtime_role_policy_has_exact_arns()
    {
        var policy = AgentCoreIdentityPolicy.ForRuntimeRole("us-east-1", Account, "my-agent", ["github"], ["google"]);

        ShouldBeValidIamPolicy(policy);
        var statements = Statements(policy).ToDictionary(s => s.GetProperty("Sid").GetString()!);
        statements.Keys.Should().Equal("GetResourceApiKey", "ReadApiKeySecrets", "GetResourceOauth2Token", "CompleteResourceTokenAuth", "ReadOAuth2ClientSecrets");
        Resources(statements["GetResourceApiKey"]).Should().Equal(
            "arn:aws:bedrock-agentcore:us-east-1:111122223333:workload-identity-directory/default",
            "arn:aws:bedrock-agentcore:us-east-1:111122223333:workload-identity-directory/default/workload-identity/my-agent",
            "arn:aws:bedrock-agentcore:us-east-1:111122223333:token-vault/default",
            "arn:aws:bedrock-agentcore:us-east-1:111122223333:token-vault/default/apikeycredentialprovider/github");
        Resources(statements["ReadApiKeySecrets"]).Should().Equal(
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:bedrock-agentcore-identity!default/apikey/*");
        statements["ReadApiKeySecrets"].GetProperty("Action").GetString().Should().Be("secretsmanager:GetSecretValue");
        Resources(statements["GetResourceOauth2Token"]).Should().Contain(
            "arn:aws:bedrock-agentcore:us-east-1:111122223333:token-vault/default/oauth2credentialprovider/google");
        Resources(statements["ReadOAuth2ClientSecrets"]).Should().Equal(
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:bedrock-agentcore-identity!default/oauth2/*");
    }

    [Test]
    public void Api_key_only_policy_has_no_oauth2_statements()
    {
        var policy = AgentCoreIdentityPolicy.ForRuntimeRole("eu-west-1", Account, "my-agent", ["a", "b", "a"], []);

        ShouldBeValidIamPolicy(policy);
        var statements = Statements(policy);
        statements.Select(s => s.GetProperty("Sid").GetString()).Should().Equal("GetResourceApiKey", "ReadApiKeySecrets");
        Resources(statements[0]).Count(arn => arn.Contains("apikeycredentialprovider", StringComparison.Ordinal)).Should().Be(2);
    }

    [Test]
    public void China_region_uses_its_partition()
    {
        var policy = AgentCoreIdentityPolicy.ForRuntimeRole("cn-north-1", Account, "my-agent", ["github"], []);

        Statements(policy).SelectMany(Resources).Should().OnlyContain(arn => arn.StartsWith("arn:aws-cn:", StringComparison.Ordinal));
    }

    [TestCase("us-east-1.evil", Account, "my-agent", "p", "region")]
    [TestCase("us-east-1", "12345", "my-agent", "p", "accountId")]
    [TestCase("us-east-1", Account, "a b", "p", "workloadName")]
    [TestCase("us-east-1", Account, "my-agent", "bad name", "apiKeyProviders")]
    public void Invalid_input_names_the_parameter(string region, string account, string workload, string provider, string parameter)
    {
        var act = () => AgentCoreIdentityPolicy.ForRuntimeRole(region, account, workload, [provider], []);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(parameter);
    }

    [Test]
    public void Policy_without_providers_is_rejected()
    {
        var act = () => AgentCoreIdentityPolicy.ForRuntimeRole("us-east-1", Account, "my-agent", [], []);

        act.Should().Throw<ArgumentException>().WithMessage("*at least one*");
    }

    [Test]
    public void Caller_policy_adds_for_user_action()
    {
        const string Runtime = "arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/my_agent-AbCdEf1234";

        var withUser = AgentCoreIdentityPolicy.ForCaller(Runtime, sendsUserId: true);
        var withoutUser = AgentCoreIdentityPolicy.ForCaller(Runtime, sendsUserId: false);

        ShouldBeValidIamPolicy(withUser);
        Statements(withUser).Select(s => s.GetProperty("Action").GetString()).Should().Equal(
            "bedrock-agentcore:InvokeAgentRuntime", "bedrock-agentcore:InvokeAgentRuntimeForUser");
        Resources(Statements(withUser)[1]).Should().Equal(Runtime, Runtime + "/runtime-endpoint/*");
        Statements(withoutUser).Should().ContainSingle();
    }

    [TestCase("arn:aws:lambda:us-east-1:111122223333:function/x")]
    [TestCase("arn:aws:bedrock-agentcore:us-east-1:111122223333:token-vault/default")]
    [TestCase("not-an-arn")]
    public void Caller_policy_rejects_other_arns(string arn)
    {
        var act = () => AgentCoreIdentityPolicy.ForCaller(arn, sendsUserId: false);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("agentRuntimeArn");
    }

    [Test]
    public void Command_prints_runtime_role_policy()
    {
        var printed = PolicyCommand.Run(["runtime-role", "--region", "us-east-1", "--account", Account, "--workload", "my-agent", "--api-key-provider", "github"]);

        printed.Should().Be(AgentCoreIdentityPolicy.ForRuntimeRole("us-east-1", Account, "my-agent", ["github"], []));
    }

    [Test]
    public void Command_requires_account()
    {
        var act = () => PolicyCommand.Run(["runtime-role", "--region", "us-east-1", "--workload", "my-agent"]);

        act.Should().Throw<ArgumentException>().WithMessage("*'--account' is required*");
    }
}
