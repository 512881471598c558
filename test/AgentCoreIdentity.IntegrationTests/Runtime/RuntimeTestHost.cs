using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AgentCoreIdentity.IntegrationTests.Runtime;

/// <summary>
/// A Kestrel app on 127.0.0.1 with the runtime hosting helpers registered and the endpoints a test maps, plus a
/// client for it. Every log record it writes, at every level, goes to the test's <see cref="SecretScan"/>.
/// </summary>
internal sealed class RuntimeTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RuntimeTestHost(WebApplication app, FakeLogCollector logs, Uri endpoint)
    {
        _app = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = endpoint };
    }

    public HttpClient Client { get; }

    /// <summary>The scan's log records: this app's, and those of any other logger routed into the same scan.</summary>
    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RuntimeTestHost> StartAsync(SecretScan scan, Action<WebApplication> map, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        scan.ConfigureLogging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        configureServices?.Invoke(builder.Services);
        builder.Services.AddAgentCoreRuntime();

        var app = builder.Build();
        map(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RuntimeTestHost(app, scan.Logs, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Checks that no log record, exception or scope contains any of <paramref name="secrets"/>.</summary>
    public void LogsShouldNotContain(params string[] secrets)
    {
        foreach (var record in Logs.GetSnapshot())
        {
            var text = string.Join(" | ", record.Message, record.Exception, string.Join(",", record.Scopes), string.Join(",", record.StructuredState ?? []));
            foreach (var secret in secrets)
            {
                text.Should().NotContain(secret);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
