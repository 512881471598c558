using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using AgentCoreIdentity.DataPlane;
using AgentCoreIdentity.Diagnostics;
using AgentCoreIdentity.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentCoreIdentity;

/// <summary>
/// Builds the pieces of the Identity client from options: the endpoint resolver, the signing credentials and the
/// HTTP handler chain. Both the dependency-injection registration and the providers' public constructors use it,
/// so the two paths send identical requests, with the same retries and timeouts.
/// </summary>
internal sealed class IdentityClientFactory
{
    /// <summary>SigV4 signing name of the AgentCore data plane.</summary>
    public const string SigningService = "bedrock-agentcore";

    private readonly AgentCoreIdentityOptions _options;
    private readonly AWSCredentials _credentials;

    public IdentityClientFactory(AgentCoreIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Endpoint = new IdentityEndpointResolver(options);
        _credentials = options.Credentials ?? new DeferredAwsCredentials();
    }

    /// <summary>Resolves the endpoint and region on first use.</summary>
    public IdentityEndpointResolver Endpoint { get; }

    /// <summary>
    /// Creates the innermost handler: SigV4 signing over a socket handler that never follows redirects, because a
    /// followed redirect would carry a signature computed for another URL. Retry handlers go outside it so that
    /// every attempt is signed again with a fresh timestamp and the current credentials. The socket handler opens at
    /// most <see cref="AgentCoreIdentityOptions.MaxConnectionsPerServer"/> connections when that is set.
    /// </summary>
    public HttpMessageHandler CreatePrimaryHandler()
    {
        var transport = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (_options.MaxConnectionsPerServer is { } maxConnections)
        {
            transport.MaxConnectionsPerServer = maxConnections;
        }

        var region = RegionEndpoint.GetBySystemName(Endpoint.Resolve().Region);
        return new SigV4SigningHandler(_credentials, region, SigningService, transport);
    }

    /// <summary>
    /// Creates a data-plane client that owns one <see cref="HttpClient"/>, for use without dependency injection. Its
    /// handler chain is the one the named client gets: retries, then the attempt timeout and buffering, then signing.
    /// The data plane applies the total timeout around it.
    /// </summary>
    /// <exception cref="AgentCoreIdentityException">The options are invalid; the message lists every problem.</exception>
    public IIdentityDataPlane CreateStandaloneDataPlane()
    {
        AgentCoreIdentityOptionsValidator.ThrowIfInvalid(_options);

        var time = _options.TimeProvider ?? TimeProvider.System;
        var loggerFactory = _options.LoggerFactory ?? NullLoggerFactory.Instance;
        var retry = _options.Retry;
        var retryPolicy = new IdentityRetryPolicy(retry, time, Random.Shared.NextDouble, loggerFactory.CreateLogger(IdentityLogCategories.Retries));
        var attemptTimeout = retry.AttemptTimeout;
        var client = new Lazy<HttpClient>(
            () =>
            {
                var chain = new IdentityRetryHandler(retryPolicy, time, new IdentityAttemptHandler(attemptTimeout, time, CreatePrimaryHandler()));
                return new HttpClient(chain, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            },
            LazyThreadSafetyMode.PublicationOnly);

        var telemetry = new IdentityTelemetry(_options.LoggerFactory, _options.MeterFactory, time);
        return new HttpIdentityDataPlane(() => client.Value, Endpoint, telemetry, retry.TotalTimeout);
    }
}
