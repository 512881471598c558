using System.Diagnostics.Metrics;
using AgentCoreIdentity;
using AgentCoreIdentity.DataPlane;
using AgentCoreIdentity.Diagnostics;
using AgentCoreIdentity.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AgentCore Identity providers in a service collection.</summary>
public static class AgentCoreIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ApiKeyProvider"/>, <see cref="AccessTokenProvider"/> and <see cref="WorkloadAccessTokenClient"/>
    /// as singletons, backed by the named <see cref="HttpClient"/> <c>AgentCoreIdentity</c>: a retry handler,
    /// then a handler that runs per attempt (attempt timeout), then SigV4 signing, so every attempt is
    /// signed again. A total timeout bounds each call. The options are validated when the host starts.
    /// <see cref="IHttpClientFactory"/>'s request logging is removed from this client, because the SDK logs each
    /// call and retry itself. Call <c>AddDefaultLogger()</c> on the returned builder to add it back.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options; leave <c>null</c> to use the AWS default region and credential chains.</param>
    /// <returns>The builder of the named HTTP client. Handlers added to it run once per attempt, inside the retries.</returns>
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

        return AddCore(services, options);
    }

    /// <summary>
    /// Registers the providers as <see cref="AddAgentCoreIdentity(IServiceCollection, Action{AgentCoreIdentityOptions})"/>
    /// does, with options bound from a configuration section, usually
    /// <c>configuration.GetSection(AgentCoreIdentityOptions.ConfigurationSectionName)</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section whose keys are option names, such as <c>Region</c> and <c>Retry:MaxAttempts</c>.</param>
    /// <returns>The builder of the named HTTP client. Handlers added to it run once per attempt, inside the retries.</returns>
    public static IHttpClientBuilder AddAgentCoreIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The configuration binding source generator (EnableConfigurationBindingGenerator in the project file) replaces
        // this call with generated code, so binding needs no reflection and stays trim- and AOT-safe.
        return AddCore(services, services.AddOptions<AgentCoreIdentityOptions>().Bind(configuration));
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, OptionsBuilder<AgentCoreIdentityOptions> options)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentCoreIdentityOptions>, AgentCoreIdentityOptionsValidator>());
        options.ValidateOnStart();

        // A second call adds its options only: the handlers of the named client must not be added twice.
        var registered = services.Any(descriptor => descriptor.ServiceType == typeof(IdentityClientFactory));
        if (registered)
        {
            return services.AddHttpClient(HttpIdentityDataPlane.HttpClientName);
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new IdentityClientFactory(sp.GetRequiredService<IOptions<AgentCoreIdentityOptions>>().Value));
        services.TryAddSingleton<IIdentityDataPlane>(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            var endpoint = sp.GetRequiredService<IdentityClientFactory>().Endpoint;
            var telemetry = new IdentityTelemetry(
                sp.GetService<ILoggerFactory>(),
                sp.GetService<IMeterFactory>(),
                sp.GetRequiredService<TimeProvider>());
            var totalTimeout = sp.GetRequiredService<IOptions<AgentCoreIdentityOptions>>().Value.Retry.TotalTimeout;
            return new HttpIdentityDataPlane(() => factory.CreateClient(HttpIdentityDataPlane.HttpClientName), endpoint, telemetry, totalTimeout);
        });
        services.TryAddSingleton(sp => new ApiKeyProvider(sp.GetRequiredService<IIdentityDataPlane>()));
        services.TryAddSingleton(sp => new WorkloadAccessTokenClient(sp.GetRequiredService<IIdentityDataPlane>()));
        services.TryAddSingleton(sp => new AccessTokenProvider(
            sp.GetRequiredService<IIdentityDataPlane>(),
            sp.GetRequiredService<IOptions<AgentCoreIdentityOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<AccessTokenProvider>()));

        var client = services
            .AddHttpClient(HttpIdentityDataPlane.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<IdentityClientFactory>().CreatePrimaryHandler())
            // The SDK's total timeout bounds each call; HttpClient's own 100 s default would cut it short.
            .ConfigureHttpClient(httpClient => httpClient.Timeout = Timeout.InfiniteTimeSpan)
            // The SDK logs each call and retry itself, so the factory's request logging is removed. Its
            // redaction still applies when an application adds it back with AddDefaultLogger().
            .RemoveAllLoggers()
            .RedactLoggedHeaders(IsSecretHeader);

        // Retries go outside the attempt handler, so each attempt has its own timeout and is signed again.
        client.AddHttpMessageHandler(static provider => IdentityRetryHandler.Create(
            provider.GetRequiredService<IOptions<AgentCoreIdentityOptions>>().Value.Retry,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(IdentityLogCategories.Retries)));

        return client.AddHttpMessageHandler(static provider => new IdentityAttemptHandler(
            provider.GetRequiredService<IOptions<AgentCoreIdentityOptions>>().Value.Retry.AttemptTimeout,
            provider.GetRequiredService<TimeProvider>()));
    }

    private static bool IsSecretHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase)
        || name.Equals(AgentCoreHeaderNames.IdentityWorkloadAccessToken, StringComparison.OrdinalIgnoreCase)
        || name.Equals(AgentCoreHeaderNames.WorkloadAccessToken, StringComparison.OrdinalIgnoreCase)
        || name.Equals(AgentCoreHeaderNames.RuntimeWorkloadAccessToken, StringComparison.OrdinalIgnoreCase);
}
