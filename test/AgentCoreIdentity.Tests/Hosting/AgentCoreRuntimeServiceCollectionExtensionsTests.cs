using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentCoreIdentity.Tests.Hosting;

public class AgentCoreRuntimeServiceCollectionExtensionsTests
{
    [Test]
    public void Tracker_is_one_singleton_and_hosted_service()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAgentCoreRuntime();
        services.AddAgentCoreRuntime();
        using var provider = services.BuildServiceProvider();

        var tracker = provider.GetRequiredService<BackgroundWorkTracker>();
        var hosted = provider.GetServices<IHostedService>().ToArray();

        hosted.Should().ContainSingle().Which.Should().BeSameAs(tracker);
        provider.GetRequiredService<AgentCorePingService>().Should().BeSameAs(provider.GetRequiredService<AgentCorePingService>());
    }

    [Test]
    public async Task Registered_time_provider_and_source_are_used()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IAgentCorePingStatusSource>(ScriptedPingStatusSource.Returning(AgentCorePingStatus.HealthyBusy));
        services.AddAgentCoreRuntime();
        using var provider = services.BuildServiceProvider();
        var ping = provider.GetRequiredService<AgentCorePingService>();
        time.Advance(TimeSpan.FromSeconds(12));

        var snapshot = await ping.GetStatusAsync();

        snapshot.Should().Be(new AgentCorePingSnapshot(AgentCorePingStatus.HealthyBusy, time.GetUtcNow()));
    }

    [Test]
    public void Invalid_options_fail_validation()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAgentCoreRuntime(options => options.ShutdownDrainTimeout = TimeSpan.FromSeconds(-5));
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<AgentCoreRuntimeOptions>>().Value;

        read.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*ShutdownDrainTimeout*");
    }
}
