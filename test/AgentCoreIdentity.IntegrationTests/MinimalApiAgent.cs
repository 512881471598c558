using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// A minimal-API agent on 127.0.0.1 whose handlers declare <see cref="AgentCoreRequestContext"/> as a parameter.
/// Every log record of the app, at every level, goes to <see cref="Logs"/>, and every context that
/// <c>POST /invocations</c> binds goes to <see cref="ReceivedContexts"/>.
/// </summary>
public sealed class MinimalApiAgent : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<AgentCoreRequestContext> _contexts;

    private MinimalApiAgent(WebApplication app, CapturedLogs logs, ConcurrentQueue<AgentCoreRequestContext> contexts)
    {
        _app = app;
        _contexts = contexts;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.TrimEnd('/') + "/");
        Client = new HttpClient { BaseAddress = Endpoint };
    }

    public CapturedLogs Logs { get; }

    /// <summary>Base URL of the agent on 127.0.0.1, ending in '/'.</summary>
    public Uri Endpoint { get; }

    public HttpClient Client { get; }

    /// <summary>The records that <c>POST /invocations</c> received, in arrival order.</summary>
    public IReadOnlyCollection<AgentCoreRequestContext> ReceivedContexts => _contexts.ToArray();

    /// <summary>Starts the agent.</summary>
    /// <param name="useExceptionHandler">Whether to register <see cref="AgentCoreRequestContextExceptionHandler"/>.</param>
    /// <param name="environment">
    /// The emulator that <c>POST /invocations</c> fetches an API key from; without one, the endpoint only logs and
    /// returns the record.
    /// </param>
    /// <param name="scan">The test's secret scan, which also receives every log record of the app.</param>
    public static async Task<MinimalApiAgent> StartAsync(bool useExceptionHandler, EmulatorEnvironment? environment = null, SecretScan? scan = null)
    {
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        scan?.ConfigureLogging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        if (useExceptionHandler)
        {
            builder.Services.AddExceptionHandler<AgentCoreRequestContextExceptionHandler>();
            builder.Services.AddProblemDetails();
        }

        if (environment is not null)
        {
            builder.Services.AddAgentCoreIdentity(environment.Configure);
        }

        var app = builder.Build();
        if (useExceptionHandler)
        {
            app.UseExceptionHandler();
        }

        app.MapGet("/context", (AgentCoreRequestContext context) => Results.Json(Describe(context)));
        app.MapGet("/failure", IResult () => throw new InvalidOperationException("A failure unrelated to headers."));
        app.MapGet("/explicit", (HttpRequest request) => Results.Json(Describe(AgentCoreRequestContext.FromHttpRequest(request))));
        var contexts = new ConcurrentQueue<AgentCoreRequestContext>();
        if (environment is not null)
        {
            app.MapPost("/invocations", async (AgentCoreRequestContext context, ApiKeyProvider apiKeys, ILogger<MinimalApiAgent> logger) =>
            {
                contexts.Enqueue(context);
                logger.LogInformation("Invocation {RequestId} received: {Context}", context.RequestId, context);
                var key = await apiKeys.GetApiKeyAsync(context, EmulatorEnvironment.ProviderName);
                return Results.Json(Describe(context) with { ApiKeyLength = key.Length });
            });
        }
        else
        {
            app.MapPost("/invocations", (AgentCoreRequestContext context, ILogger<MinimalApiAgent> logger) =>
            {
                contexts.Enqueue(context);
                logger.LogInformation("Invocation {RequestId} received: {Context}", context.RequestId, context);
                return Results.Json(Describe(context));
            });
        }

        await app.StartAsync();
        return new MinimalApiAgent(app, logs, contexts);
    }

    private static ContextView Describe(AgentCoreRequestContext context) => new(
        context.RequestId,
        context.SessionId,
        context.WorkloadAccessTokenHeader,
        context.UserId,
        context.ForwardedHeaders.Keys.ToArray(),
        context.ForwardedHeaders.TryGetValue("x-custom-signature", out var signature) ? signature : null,
        context.ForwardedHeaders.TryGetValue("X-AMZN-BEDROCK-AGENTCORE-RUNTIME-CUSTOM-TENANT", out var tenant) ? tenant : null,
        context.ToString(),
        ApiKeyLength: null);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>What the handlers return about the context they received; never a token.</summary>
    public sealed record ContextView(
        string RequestId,
        string? SessionId,
        string? TokenHeader,
        string? UserId,
        string[] ForwardedHeaderNames,
        string? CustomSignature,
        string? Tenant,
        string Printed,
        int? ApiKeyLength);
}
