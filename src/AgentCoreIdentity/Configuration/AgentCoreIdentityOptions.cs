using System.Diagnostics.Metrics;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity;

/// <summary>
/// Settings of the AgentCore Identity client. Every member is optional: by default the region and credentials
/// come from the AWS SDK default chains and the endpoint is the public regional endpoint.
/// </summary>
/// <remarks>
/// <see cref="Credentials"/>, <see cref="LoggerFactory"/>, <see cref="MeterFactory"/> and <see cref="TimeProvider"/>
/// are objects, so they cannot come from configuration. The other members bind from a configuration section such
/// as <c>"AgentCoreIdentity": { "Region": "us-east-1", "Retry": { "MaxAttempts": 5 } }</c>.
/// </remarks>
public sealed class AgentCoreIdentityOptions
{
    /// <summary>Conventional name of the configuration section that contains these options.</summary>
    public const string ConfigurationSectionName = "AgentCoreIdentity";

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

    /// <summary>Retry and timeout settings of every Identity call.</summary>
    public AgentCoreIdentityRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Maximum number of simultaneous connections to the Identity endpoint, at least 1, set as
    /// <see cref="System.Net.Http.SocketsHttpHandler.MaxConnectionsPerServer"/> on the client's connection pool. The
    /// default, <c>null</c>, sets no limit, as do .NET's own default and <c>ClientConfig.MaxConnectionsPerServer</c> of
    /// the AWS SDK for .NET (AWSSDK.Core 4.1).
    /// </summary>
    /// <remarks>
    /// Without a limit, every call in flight that finds no idle connection opens a new one, so a burst of thousands
    /// of concurrent calls keeps thousands of sockets open and can exhaust the process's file descriptors. With a
    /// limit, the calls beyond it wait for a free connection. The wait counts against
    /// <see cref="AgentCoreIdentityRetryOptions.AttemptTimeout"/>, so an attempt that waits too long times out and is
    /// retried like any other slow attempt. The limit applies to each connection pool. With <c>AddAgentCoreIdentity</c>,
    /// <see cref="System.Net.Http.IHttpClientFactory"/> starts a new pool when it rotates handlers, every 2 minutes by
    /// default. It disposes the old pool only after the last client that uses it is gone, so for a short time both
    /// pools can have open connections.
    /// </remarks>
    public int? MaxConnectionsPerServer { get; set; }

    /// <summary>
    /// Logger factory of the providers created with their public constructors. When <c>null</c>, they do not log.
    /// With <c>AddAgentCoreIdentity</c>, the container's <see cref="ILoggerFactory"/> is used instead.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Meter factory of the providers created with their public constructors. When <c>null</c>, each such provider
    /// creates its own <see cref="Meter"/>. With <c>AddAgentCoreIdentity</c>, the container's
    /// <see cref="IMeterFactory"/> is used instead.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// Clock of the retry delays and timeouts of the providers created with their public constructors. When
    /// <c>null</c>, <see cref="TimeProvider.System"/> is used. With <c>AddAgentCoreIdentity</c>, the container's
    /// <see cref="System.TimeProvider"/> is used instead.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }
}
