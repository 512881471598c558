using Amazon.Runtime;

namespace AgentCoreIdentity;

/// <summary>
/// Settings of the AgentCore Identity client. Every member is optional: by default the region and credentials
/// come from the AWS SDK default chains and the endpoint is the public regional endpoint.
/// </summary>
public sealed class AgentCoreIdentityOptions
{
    /// <summary>
    /// Environment variable that overrides the data-plane endpoint when <see cref="Endpoint"/> is not set, for
    /// example to reach the emulator. The official Python SDK reads the same variable.
    /// </summary>
    public const string EndpointEnvironmentVariable = "BEDROCK_AGENTCORE_DP_ENDPOINT";

    /// <summary>
    /// AWS region to call and sign for, such as <c>us-east-1</c>. When <c>null</c>, the AWS SDK region chain
    /// (<c>AWS_REGION</c>, profile, instance metadata) supplies it.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Absolute http or https URI of the Identity data plane, replacing the regional endpoint. Plain http is
    /// accepted only for loopback addresses. When <c>null</c>, <see cref="EndpointEnvironmentVariable"/> is read,
    /// and when that is unset too, <c>https://bedrock-agentcore.{region}.{dnsSuffix}</c> is used.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Whether to call the FIPS endpoint of the region. Cannot be combined with <see cref="Endpoint"/>.</summary>
    public bool UseFipsEndpoint { get; set; }

    /// <summary>Whether to call the dual-stack (IPv4 and IPv6) endpoint. Cannot be combined with <see cref="Endpoint"/>.</summary>
    public bool UseDualStackEndpoint { get; set; }

    /// <summary>
    /// AWS credentials that sign each request. When <c>null</c>, the AWS SDK default credential chain supplies
    /// them on first use (environment, profile, container or instance role).
    /// </summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>
    /// Time between <c>GetResourceOauth2Token</c> polls while a user-consent flow waits for the user. Must be
    /// positive; the default is 5 seconds, as in the official Python and TypeScript SDKs.
    /// </summary>
    public TimeSpan ConsentPollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Maximum time a user-consent flow waits for the user, counted from the response that returned the
    /// authorization URL. Must be positive; the default is 10 minutes.
    /// </summary>
    public TimeSpan ConsentTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
