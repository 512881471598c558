using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AgentCoreIdentity.SampleAgent.Tool;

/// <summary>
/// A small downstream "tool" API on loopback in place of a third-party service such as GitHub. It serves
/// <c>GET /repos/{owner}/{repo}/pulls</c> only when the <c>X-Api-Key</c> header carries the key it was given.
/// </summary>
public sealed class ToolServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly RequestCounter _authorized;

    private ToolServer(WebApplication app, Uri endpoint, RequestCounter authorized)
    {
        _app = app;
        Endpoint = endpoint;
        _authorized = authorized;
    }

    /// <summary>Base URL, ending in '/'.</summary>
    public Uri Endpoint { get; }

    /// <summary>Number of requests that carried the expected key.</summary>
    public int AuthorizedRequests => Volatile.Read(ref _authorized.Count);

    /// <summary>Starts the tool API on a free loopback port.</summary>
    /// <param name="expectedApiKey">The only key the API accepts.</param>
    /// <param name="responseGate">When set, each request waits for this task before the response is sent, so tests can hold a job mid-flight.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<ToolServer> StartAsync(string expectedApiKey, Task? responseGate = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var expected = Encoding.UTF8.GetBytes(expectedApiKey);
        var authorized = new RequestCounter();
        app.MapGet("/repos/{owner}/{repo}/pulls", async (HttpRequest request, string owner, string repo) =>
        {
            if (responseGate is not null)
            {
                await responseGate.WaitAsync(request.HttpContext.RequestAborted);
            }

            var sent = Encoding.UTF8.GetBytes(request.Headers["X-Api-Key"].ToString());
            if (!CryptographicOperations.FixedTimeEquals(sent, expected))
            {
                return Results.Json(new { message = "Bad credentials" }, statusCode: StatusCodes.Status401Unauthorized);
            }

            Interlocked.Increment(ref authorized.Count);
            PullRequestSummaryDto[] pulls =
            [
                new(101, $"Fix flaky test in {owner}/{repo}"),
                new(102, "Bump dependencies"),
                new(103, "Add retry to the tool client"),
            ];
            return Results.Json(pulls);
        });

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ToolServer(app, new Uri(address.TrimEnd('/') + "/"), authorized);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record PullRequestSummaryDto(int Number, string Title);

    private sealed class RequestCounter
    {
        public int Count;
    }
}
