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
    public static async Task<SampleAgentHost> StartAsync(
        SampleAgentSettings settings,
        Action<AgentCoreIdentityOptions>? configureIdentity,
        CancellationToken cancellationToken = default)
    {
        var app = SampleAgentApp.Build(settings, configureIdentity, consoleLogging: false);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SampleAgentHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
