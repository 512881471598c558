using System.Net;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;

namespace AgentCoreIdentity;

/// <summary>
/// Resolves the data-plane endpoint and signing region from the options, the endpoint environment variable and
/// the AWS region chain. A successful result is cached; a failure is not, so a later call can succeed once the
/// environment is fixed.
/// </summary>
internal sealed partial class IdentityEndpointResolver
{
    private const string ServicePrefix = "bedrock-agentcore";

    private readonly AgentCoreIdentityOptions _options;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly Func<string?> _getDefaultRegion;
    private readonly Lazy<IdentityServiceTarget> _target;

    public IdentityEndpointResolver(AgentCoreIdentityOptions options)
        : this(options, Environment.GetEnvironmentVariable, () => FallbackRegionFactory.GetRegionEndpoint()?.SystemName)
    {
    }

    /// <summary>Creates a resolver with replaceable sources for the environment and the default region, for tests.</summary>
    internal IdentityEndpointResolver(
        AgentCoreIdentityOptions options,
        Func<string, string?> getEnvironmentVariable,
        Func<string?> getDefaultRegion)
    {
        _options = options;
        _getEnvironmentVariable = getEnvironmentVariable;
        _getDefaultRegion = getDefaultRegion;
        _target = new Lazy<IdentityServiceTarget>(ResolveCore, LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>Returns the endpoint and region, resolving them on first use.</summary>
    /// <exception cref="AgentCoreIdentityException">With code <see cref="AgentCoreIdentityErrorCodes.Configuration"/>.</exception>
    public IdentityServiceTarget Resolve() => _target.Value;

    /// <summary>Checks an AWS region name before it becomes part of a host name.</summary>
    public static bool IsValidRegion(string region) => RegionPattern().IsMatch(region);

    /// <summary>Returns the reason an endpoint override is unusable, or <c>null</c> when it is valid.</summary>
    public static string? ValidateEndpoint(Uri endpoint)
    {
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            return "it must be an absolute http or https URI";
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
        {
            return "plain http is accepted only for loopback hosts such as 127.0.0.1; use https";
        }

        if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment) || !string.IsNullOrEmpty(endpoint.UserInfo))
        {
            return "it must not contain a query, fragment or user information";
        }

        return null;
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private IdentityServiceTarget ResolveCore()
    {
        var region = ResolveRegion();
        var endpoint = _options.Endpoint;
        var source = "AgentCoreIdentityOptions.Endpoint";
        if (endpoint is null)
        {
            var fromEnvironment = _getEnvironmentVariable(AgentCoreIdentityOptions.EndpointEnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                source = $"the {AgentCoreIdentityOptions.EndpointEnvironmentVariable} environment variable";
                if (!Uri.TryCreate(fromEnvironment.Trim(), UriKind.Absolute, out endpoint))
                {
                    throw ConfigurationError($"The endpoint in {source} is not an absolute URI.");
                }
            }
        }

        if (endpoint is null)
        {
            return new IdentityServiceTarget(BuildRegionalEndpoint(region), region);
        }

        if (_options.UseFipsEndpoint || _options.UseDualStackEndpoint)
        {
            throw ConfigurationError(
                $"An endpoint override from {source} cannot be combined with UseFipsEndpoint or UseDualStackEndpoint. "
                + "Remove one of them.");
        }

        var problem = ValidateEndpoint(endpoint);
        if (problem is not null)
        {
            throw ConfigurationError($"The endpoint '{endpoint}' from {source} is invalid: {problem}.");
        }

        return new IdentityServiceTarget(endpoint, region);
    }

    private string ResolveRegion()
    {
        string? region = _options.Region;
        if (string.IsNullOrWhiteSpace(region))
        {
            try
            {
                region = _getDefaultRegion();
            }
            catch (AmazonClientException ex)
            {
                throw ConfigurationError(
                    "No AWS region is configured, and the AWS SDK region chain failed. Set AgentCoreIdentityOptions.Region "
                    + "or the AWS_REGION environment variable.",
                    ex);
            }
        }

        if (string.IsNullOrWhiteSpace(region))
        {
            throw ConfigurationError(
                "No AWS region is configured. Set AgentCoreIdentityOptions.Region or the AWS_REGION environment variable "
                + "(AgentCore Runtime sets AWS_REGION for you).");
        }

        if (!IsValidRegion(region))
        {
            throw ConfigurationError(
                $"The AWS region '{region}' is not a valid region name such as 'us-east-1'. Fix AgentCoreIdentityOptions.Region "
                + "or AWS_REGION.");
        }

        return region;
    }

    private Uri BuildRegionalEndpoint(string region)
    {
        var partition = RegionEndpoint.GetBySystemName(region);
        var prefix = _options.UseFipsEndpoint ? ServicePrefix + "-fips" : ServicePrefix;
        var suffix = _options.UseDualStackEndpoint ? DualStackDnsSuffix(partition) : partition.PartitionDnsSuffix;
        return new Uri($"https://{prefix}.{region}.{suffix}", UriKind.Absolute);
    }

    private static string DualStackDnsSuffix(RegionEndpoint region) => region.PartitionName switch
    {
        "aws" or "aws-us-gov" => "api.aws",
        "aws-cn" => "api.amazonwebservices.com.cn",
        _ => throw ConfigurationError(
            $"Dual-stack endpoints of partition '{region.PartitionName}' are not known to this SDK. "
            + "Set AgentCoreIdentityOptions.Endpoint instead."),
    };

    private static AgentCoreIdentityException ConfigurationError(string message, Exception? inner = null) =>
        new(AgentCoreIdentityErrorCodes.Configuration, message, inner);

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
