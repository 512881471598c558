using AgentCoreIdentity;
using AgentCoreIdentity.DataPlane;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AgentCore Identity providers in a service collection.</summary>
public static class AgentCoreIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ApiKeyProvider"/>, <see cref="AccessTokenProvider"/> and <see cref="WorkloadAccessTokenClient"/>
    /// as singletons, backed by the named <see cref="HttpClient"/> <c>AgentCoreIdentity</c>, whose innermost handler
    /// signs every request with SigV4.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options; leave <c>null</c> to use the AWS default region and credential chains.</param>
    /// <returns>The builder of the named HTTP client, to add handlers such as logging.</returns>
    public static IHttpClientBuilder AddAgentCoreIdentity(
        this IServiceCollection services,
        Action<AgentCoreIdentityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<AgentCoreIdentityOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new IdentityClientFactory(sp.GetRequiredService<IOptions<AgentCoreIdentityOptions>>().Value));
        services.TryAddSingleton<IIdentityDataPlane>(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            var endpoint = sp.GetRequiredService<IdentityClientFactory>().Endpoint;
            return new HttpIdentityDataPlane(() => factory.CreateClient(HttpIdentityDataPlane.HttpClientName), endpoint);
        });
        services.TryAddSingleton(sp => new ApiKeyProvider(sp.GetRequiredService<IIdentityDataPlane>()));
        services.TryAddSingleton(sp => new WorkloadAccessTokenClient(sp.GetRequiredService<IIdentityDataPlane>()));
        services.TryAddSingleton(sp => new AccessTokenProvider(
            sp.GetRequiredService<IIdentityDataPlane>(),
            sp.GetRequiredService<IOptions<AgentCoreIdentityOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<AccessTokenProvider>()));

        return services
            .AddHttpClient(HttpIdentityDataPlane.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<IdentityClientFactory>().CreatePrimaryHandler())
            .RedactLoggedHeaders(IsSecretHeader);
    }

    private static bool IsSecretHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase)
        || name.Equals(AgentCoreHeaderNames.IdentityWorkloadAccessToken, StringComparison.OrdinalIgnoreCase)
        || name.Equals(AgentCoreHeaderNames.WorkloadAccessToken, StringComparison.OrdinalIgnoreCase)
        || name.Equals(AgentCoreHeaderNames.RuntimeWorkloadAccessToken, StringComparison.OrdinalIgnoreCase);
}
