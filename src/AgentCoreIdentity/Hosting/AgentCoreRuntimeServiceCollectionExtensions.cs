using AgentCoreIdentity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the optional AgentCore Runtime hosting helpers.</summary>
public static class AgentCoreRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AgentCorePingService"/> and <see cref="BackgroundWorkTracker"/> as singletons, the tracker
    /// also as a hosted service so that host shutdown cancels and drains its work. An
    /// <see cref="IAgentCorePingStatusSource"/> registered in the collection is used by the ping service.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options; leave <c>null</c> for the defaults.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddAgentCoreRuntime(
        this IServiceCollection services,
        Action<AgentCoreRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<AgentCoreRuntimeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(
            static value =>
            {
                value.Validate();
                return true;
            });
        options.ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AgentCorePingService(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IAgentCorePingStatusSource>(),
            sp.GetRequiredService<IOptions<AgentCoreRuntimeOptions>>().Value,
            sp.GetService<ILogger<AgentCorePingService>>()));
        services.TryAddSingleton(sp => new BackgroundWorkTracker(
            sp.GetRequiredService<AgentCorePingService>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<AgentCoreRuntimeOptions>>().Value,
            sp.GetService<ILogger<BackgroundWorkTracker>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BackgroundWorkTracker>(sp => sp.GetRequiredService<BackgroundWorkTracker>()));

        return services;
    }
}
