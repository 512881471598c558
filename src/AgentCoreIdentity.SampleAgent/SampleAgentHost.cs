using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AgentCoreIdentity.SampleAgent;

/// <summary>A running sample agent inside the current process, for the demo and for tests.</summary>
public sealed class SampleAgentHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SampleAgentHost(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>Base URL of the agent, ending in '/'.</summary>
    public Uri Endpoint { get; }

    /// <summary>The agent's services, for tests that inspect them.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the agent on 127.0.0.1 and returns once it accepts connections.</summary>
    /// <param name="settings">Port, style, provider names and tool URL.</param>
    /// <param name="configureIdentity">Sets AgentCore Identity options, such as the emulator endpoint.</param>
    /// <param name="configureLogging">Adds logging providers, such as a test's log collector; <c>null</c> logs nowhere.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<SampleAgentHost> StartAsync(
        SampleAgentSettings settings,
        Action<AgentCoreIdentityOptions>? configureIdentity,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default)
    {
        var app = SampleAgentApp.Build(settings, configureIdentity, configureLogging);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SampleAgentHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Completes when the host stops, for example on Ctrl+C or SIGTERM.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
