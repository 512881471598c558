using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.IntegrationTests.Outbound;

/// <summary>
/// A downstream API on 127.0.0.1 that records the path and credential headers of every request it receives.
/// <c>/redirect</c> returns 302 to <c>/landed</c>, and every other path returns 200, optionally after a gate.
/// </summary>
internal sealed class DownstreamRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<DownstreamCall> _calls;

    private DownstreamRecorder(WebApplication app, ConcurrentQueue<DownstreamCall> calls, Uri endpoint)
    {
        _app = app;
        _calls = calls;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<DownstreamCall> Calls => [.. _calls];

    public static Task<DownstreamRecorder> StartAsync(Func<Task>? gate = null) =>
        StartAsync(gate is null ? null : _ => gate());

    /// <summary>Starts the API with a gate that receives each request, so that it can delay some requests and not others.</summary>
    public static async Task<DownstreamRecorder> StartAsync(Func<HttpRequest, Task>? gate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var calls = new ConcurrentQueue<DownstreamCall>();
        app.MapGet("/redirect", () => Results.Redirect("/landed"));
        app.Map("/{**path}", async (HttpContext http) =>
        {
            calls.Enqueue(new DownstreamCall(
                http.Request.Path,
                http.Request.Headers["X-Api-Key"].ToString(),
                http.Request.Headers.Authorization.ToString(),
                http.Request.Headers[AgentCoreHeaderNames.IdentityWorkloadAccessToken].ToString()));
            if (gate is not null)
            {
                await gate(http.Request);
            }

            return Results.Ok();
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DownstreamRecorder(app, calls, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the downstream API received: its path and the credential headers it carried.</summary>
internal sealed record DownstreamCall(string Path, string ApiKey, string Authorization, string WorkloadAccessToken);
