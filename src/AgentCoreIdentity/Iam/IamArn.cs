using Amazon;

namespace AgentCoreIdentity;

/// <summary>Builds the ARNs of AgentCore Identity resources and of the secrets the service manages.</summary>
internal static class IamArn
{
    /// <summary>Returns the ARN partition of a region, such as <c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>.</summary>
    public static string Partition(string region) => RegionEndpoint.GetBySystemName(region).PartitionName;

    public static string WorkloadIdentityDirectory(string partition, string region, string accountId) =>
        $"arn:{partition}:bedrock-agentcore:{region}:{accountId}:workload-identity-directory/default";

    public static string WorkloadIdentity(string partition, string region, string accountId, string workloadName) =>
        $"{WorkloadIdentityDirectory(partition, region, accountId)}/workload-identity/{workloadName}";

    public static string TokenVault(string partition, string region, string accountId) =>
        $"arn:{partition}:bedrock-agentcore:{region}:{accountId}:token-vault/default";

    public static string ApiKeyProvider(string partition, string region, string accountId, string providerName) =>
        $"{TokenVault(partition, region, accountId)}/apikeycredentialprovider/{providerName}";

    public static string OAuth2Provider(string partition, string region, string accountId, string providerName) =>
        $"{TokenVault(partition, region, accountId)}/oauth2credentialprovider/{providerName}";

    /// <summary>
    /// Returns the ARN pattern of the secrets AgentCore Identity manages for one kind of credential provider
    /// (<c>apikey</c> or <c>oauth2</c>); Secrets Manager names them <c>bedrock-agentcore-identity!default/{kind}/{name}-{suffix}</c>.
    /// </summary>
    public static string ManagedSecrets(string partition, string region, string accountId, string kind) =>
        $"arn:{partition}:secretsmanager:{region}:{accountId}:secret:bedrock-agentcore-identity!default/{kind}/*";
}
