using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AgentCoreIdentity;

/// <summary>
/// Generates least-privilege IAM policies for this SDK: one for the role that signs Identity calls (on AgentCore
/// Runtime, the runtime execution role), and one for callers that invoke the agent runtime.
/// </summary>
public static class AgentCoreIdentityPolicy
{
    private const string PolicyVersion = "2012-10-17";

    /// <summary>
    /// Returns the identity policy (JSON) that lets a role fetch the named API keys and OAuth2 tokens for one workload
    /// identity, and complete OAuth2 user consent.
    /// </summary>
    /// <remarks>
    /// Besides the <c>bedrock-agentcore</c> actions, the policy grants <c>secretsmanager:GetSecretValue</c> on the
    /// secrets AgentCore Identity manages (<c>bedrock-agentcore-identity!default/apikey/*</c> and <c>.../oauth2/*</c>),
    /// because the service reads a provider's stored key or client secret with the caller's own permissions. Providers
    /// whose secret lives in a secret of your own (<c>EXTERNAL</c>) need that secret's ARN, and <c>kms:Decrypt</c> when a
    /// customer-managed key protects it, which this method cannot know.
    /// </remarks>
    /// <param name="region">AWS region, such as <c>us-east-1</c>.</param>
    /// <param name="accountId">12-digit AWS account id.</param>
    /// <param name="workloadName">Workload identity of the agent.</param>
    /// <param name="apiKeyProviders">API-key credential providers the agent reads.</param>
    /// <param name="oauth2Providers">OAuth2 credential providers the agent reads.</param>
    /// <returns>An indented IAM policy document.</returns>
    /// <exception cref="ArgumentException">An argument is not a valid name, or both provider lists are empty.</exception>
    public static string ForRuntimeRole(
        string region,
        string accountId,
        string workloadName,
        IEnumerable<string> apiKeyProviders,
        IEnumerable<string> oauth2Providers)
    {
        CheckRegionAndAccount(region, accountId);
        IdentityArguments.CheckWorkloadName(workloadName, nameof(workloadName));
        var apiKeys = CheckProviders(apiKeyProviders, nameof(apiKeyProviders));
        var oauth2 = CheckProviders(oauth2Providers, nameof(oauth2Providers));
        if (apiKeys.Count == 0 && oauth2.Count == 0)
        {
            throw new ArgumentException("Name at least one API-key or OAuth2 credential provider; a policy needs a statement.", nameof(apiKeyProviders));
        }

        var partition = IamArn.Partition(region);
        string[] identity =
        [
            IamArn.WorkloadIdentityDirectory(partition, region, accountId),
            IamArn.WorkloadIdentity(partition, region, accountId, workloadName),
            IamArn.TokenVault(partition, region, accountId),
        ];
        var apiKeyArns = apiKeys.Select(name => IamArn.ApiKeyProvider(partition, region, accountId, name)).ToArray();
        var oauth2Arns = oauth2.Select(name => IamArn.OAuth2Provider(partition, region, accountId, name)).ToArray();

        var statements = new List<PolicyStatement>();
        if (apiKeys.Count > 0)
        {
            statements.Add(new("GetResourceApiKey", "bedrock-agentcore:GetResourceApiKey", [.. identity, .. apiKeyArns]));
            statements.Add(new("ReadApiKeySecrets", "secretsmanager:GetSecretValue", [IamArn.ManagedSecrets(partition, region, accountId, "apikey")]));
        }

        if (oauth2.Count > 0)
        {
            statements.Add(new("GetResourceOauth2Token", "bedrock-agentcore:GetResourceOauth2Token", [.. identity, .. oauth2Arns]));
            statements.Add(new("CompleteResourceTokenAuth", "bedrock-agentcore:CompleteResourceTokenAuth", [.. identity, .. oauth2Arns]));
            statements.Add(new("ReadOAuth2ClientSecrets", "secretsmanager:GetSecretValue", [IamArn.ManagedSecrets(partition, region, accountId, "oauth2")]));
        }

        return Write(statements);
    }

    /// <summary>
    /// Returns the identity policy (JSON) that lets a principal invoke an agent runtime, and pass the end user's id
    /// with <c>X-Amzn-Bedrock-AgentCore-Runtime-User-Id</c> when <paramref name="sendsUserId"/> is true.
    /// </summary>
    /// <remarks>
    /// With IAM (SigV4) inbound auth, AgentCore Runtime mints a workload access token for the agent only when the
    /// caller sends a user id, which needs <c>bedrock-agentcore:InvokeAgentRuntimeForUser</c>. Callers that use JWT
    /// inbound auth need no IAM policy for the invocation.
    /// </remarks>
    /// <param name="agentRuntimeArn">ARN of the agent runtime, <c>arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID</c>.</param>
    /// <param name="sendsUserId">Whether the caller sends the user-id header.</param>
    /// <returns>An indented IAM policy document.</returns>
    public static string ForCaller(string agentRuntimeArn, bool sendsUserId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentRuntimeArn);
        var parts = agentRuntimeArn.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "bedrock-agentcore" || !parts[5].StartsWith("runtime/", StringComparison.Ordinal)
            || !IdentityEndpointResolver.IsValidRegion(parts[3]) || !IsAccountId(parts[4]))
        {
            throw new ArgumentException(
                "The agent runtime ARN must look like arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/my_agent-AbCdEf1234.",
                nameof(agentRuntimeArn));
        }

        // Invocations name the runtime or one of its endpoints, so both resource forms are granted.
        string[] resources = [agentRuntimeArn, agentRuntimeArn + "/runtime-endpoint/*"];
        var statements = new List<PolicyStatement> { new("InvokeAgentRuntime", "bedrock-agentcore:InvokeAgentRuntime", resources) };
        if (sendsUserId)
        {
            statements.Add(new("InvokeAgentRuntimeForUser", "bedrock-agentcore:InvokeAgentRuntimeForUser", resources));
        }

        return Write(statements);
    }

    private static void CheckRegionAndAccount(string region, string accountId)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(accountId);
        if (!IdentityEndpointResolver.IsValidRegion(region))
        {
            throw new ArgumentException($"The region '{HeaderValueRules.Printable(region)}' is not a region name such as 'us-east-1'.", nameof(region));
        }

        if (!IsAccountId(accountId))
        {
            throw new ArgumentException($"The account id '{HeaderValueRules.Printable(accountId)}' is not 12 digits.", nameof(accountId));
        }
    }

    private static bool IsAccountId(string accountId) => accountId.Length == 12 && accountId.All(char.IsAsciiDigit);

    private static List<string> CheckProviders(IEnumerable<string> providers, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(providers, parameterName);
        var names = new List<string>();
        foreach (var name in providers)
        {
            IdentityArguments.CheckProviderName(name, parameterName);
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static string Write(IReadOnlyList<PolicyStatement> statements)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", PolicyVersion);
            writer.WriteStartArray("Statement");
            foreach (var statement in statements)
            {
                writer.WriteStartObject();
                writer.WriteString("Sid", statement.Sid);
                writer.WriteString("Effect", "Allow");
                writer.WriteString("Action", statement.Action);
                writer.WriteStartArray("Resource");
                foreach (var resource in statement.Resources)
                {
                    writer.WriteStringValue(resource);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed record PolicyStatement(string Sid, string Action, IReadOnlyList<string> Resources);
}
