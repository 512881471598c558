using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using AgentCoreIdentity.DataPlane;

namespace AgentCoreIdentity;

/// <summary>
/// Builds the pieces of the Identity client from options: the endpoint resolver, the signing credentials and the
/// HTTP handler chain. Both the dependency-injection registration and the providers' public constructors use it,
/// so the two paths send identical requests.
/// </summary>
internal sealed class IdentityClientFactory
{
    /// <summary>SigV4 signing name of the AgentCore data plane.</summary>
    public const string SigningService = "bedrock-agentcore";

    private readonly AWSCredentials _credentials;

    public IdentityClientFactory(AgentCoreIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Endpoint = new IdentityEndpointResolver(options);
        _credentials = options.Credentials ?? new DeferredAwsCredentials();
    }

    /// <summary>Resolves the endpoint and region on first use.</summary>
    public IdentityEndpointResolver Endpoint { get; }

    /// <summary>
    /// Creates the innermost handler: SigV4 signing over a socket handler that never follows redirects, because a
    /// followed redirect would carry a signature computed for another URL. Retry handlers go outside it so that
    /// every attempt is signed again with a fresh timestamp.
    /// </summary>
    public HttpMessageHandler CreatePrimaryHandler()
    {
        var transport = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        var region = RegionEndpoint.GetBySystemName(Endpoint.Resolve().Region);
        return new SigV4SigningHandler(_credentials, region, SigningService, transport);
    }

    /// <summary>Creates a data-plane client that owns one <see cref="HttpClient"/>, for use without dependency injection.</summary>
    public IIdentityDataPlane CreateStandaloneDataPlane()
    {
        var client = new Lazy<HttpClient>(() => new HttpClient(CreatePrimaryHandler(), disposeHandler: true), LazyThreadSafetyMode.PublicationOnly);
        return new HttpIdentityDataPlane(() => client.Value, Endpoint);
    }
}
