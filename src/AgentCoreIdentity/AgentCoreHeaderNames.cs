namespace AgentCoreIdentity;

/// <summary>
/// Names of the HTTP headers that AgentCore Runtime sends to an agent container, and that agents send on.
/// Lookups ignore letter case, as HTTP requires.
/// </summary>
public static class AgentCoreHeaderNames
{
    /// <summary>
    /// Workload access token header that the Runtime platform and Gateway mint and that agents propagate
    /// to other runtimes and gateways. It takes precedence over the other two token headers.
    /// </summary>
    public const string IdentityWorkloadAccessToken = "X-Amz-Bedrock-AgentCore-Identity-WAT";

    /// <summary>Workload access token header that the official SDKs read when the first one is absent.</summary>
    public const string WorkloadAccessToken = "WorkloadAccessToken";

    /// <summary>Workload access token header observed on the wire next to <see cref="WorkloadAccessToken"/>.</summary>
    public const string RuntimeWorkloadAccessToken = "X-Amzn-Bedrock-AgentCore-Runtime-Workload-AccessToken";

    /// <summary>Runtime session id.</summary>
    public const string SessionId = "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id";

    /// <summary>Runtime request id of one invocation.</summary>
    public const string RequestId = "X-Amzn-Bedrock-AgentCore-Runtime-Request-Id";

    /// <summary>End-user id that a SigV4 caller passes to the runtime (the <c>runtimeUserId</c> parameter).</summary>
    public const string UserId = "X-Amzn-Bedrock-AgentCore-Runtime-User-Id";

    /// <summary>Return URL for the OAuth2 user-consent flow (the <c>resourceOauth2ReturnUrl</c> default).</summary>
    public const string OAuth2CallbackUrl = "OAuth2CallbackUrl";

    /// <summary>Prefix of the caller-defined headers that the runtime forwards to the agent.</summary>
    public const string CustomHeaderPrefix = "X-Amzn-Bedrock-AgentCore-Runtime-Custom-";

    /// <summary>
    /// The three workload access token headers, in the order of precedence in which they are read.
    /// </summary>
    public static IReadOnlyList<string> WorkloadAccessTokenHeaders { get; } =
        [IdentityWorkloadAccessToken, WorkloadAccessToken, RuntimeWorkloadAccessToken];
}
