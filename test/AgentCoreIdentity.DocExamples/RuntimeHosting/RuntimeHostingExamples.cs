using AgentCoreIdentity;

namespace DocExamples.RuntimeHosting;

/// <summary>The C# examples of docs/runtime-hosting.md, each wrapped in a method that supplies its variables.</summary>
public static class RuntimeHostingExamples
{
    public static void Register(WebApplicationBuilder builder)
    {
        builder.Services.AddAgentCoreIdentity();   // ApiKeyProvider and the signed Identity client
        builder.Services.AddAgentCoreRuntime(options =>
        {
            options.ShutdownDrainTimeout = TimeSpan.FromSeconds(10);     // default
            options.PingStatusSourceTimeout = TimeSpan.FromSeconds(1);   // default
        });
    }

    public static void RegisterStatusSource(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAgentCorePingStatusSource, QueueStatusSource>();
    }

    public static void StartBackgroundWork(WebApplication app)
    {
        app.MapPost("/invocations", (HttpRequest request, BackgroundWorkTracker tracker, ApiKeyProvider apiKeys) =>
        {
            var context = AgentCoreRequestContext.FromHttpRequest(request);
            var work = tracker.Start(context, async (ctx, cancellationToken) =>
            {
                var key = await apiKeys.GetApiKeyAsync(ctx, "github-api-key", cancellationToken);
                // call the third-party API with key
            }, name: "summarize-pull-requests");
            return Results.Accepted(value: new { work.Id, context.RequestId });
        });
    }

    public static void MapRuntime(WebApplication app, ApiKeyProvider apiKeys)
    {
        app.MapAgentCoreRuntime(async (Prompt prompt, AgentCoreRequestContext context, CancellationToken cancellationToken) =>
        {
            var key = await apiKeys.GetApiKeyAsync(context, "github-api-key", cancellationToken);
            return new Answer($"Hello from request {context.RequestId}");
        });
    }

    public static void RejectInvalidPayload(WebApplication app, ApiKeyProvider apiKeys, IReadOnlySet<string> repositories)
    {
        app.MapAgentCoreRuntime(async (SummaryRequest request, AgentCoreRequestContext context, CancellationToken cancellationToken) =>
        {
            if (!repositories.Contains(request.Repository))
            {
                throw new AgentCoreInvocationRejectedException(
                    StatusCodes.Status400BadRequest,
                    "UnknownRepository",
                    "The body field 'repository' names a repository that this agent does not serve.");
            }

            var key = await apiKeys.GetApiKeyAsync(context, "github-api-key", cancellationToken);
            return new Answer($"Summary of {request.Repository}");
        });
    }

    public static async Task RegisterOutboundHandlersAsync(
        WebApplicationBuilder builder,
        Uri gatewayUrl,
        HttpClient github,
        AgentCoreRequestContext context,
        CancellationToken cancellationToken)
    {
        builder.Services.AddHttpClient("github", client => client.BaseAddress = new Uri("https://api.github.com/"))
            .AddAgentCoreApiKey("github-api-key", headerName: "Authorization", valuePrefix: "Bearer ");

        builder.Services.AddHttpClient("inventory", client => client.BaseAddress = new Uri("https://inventory.example.com/"))
            .AddAgentCoreAccessToken(new AccessTokenRequest { ProviderName = "inventory-m2m", Flow = OAuth2Flow.M2M, Scopes = ["inventory.read"] });

        builder.Services.AddHttpClient("gateway", client => client.BaseAddress = gatewayUrl)
            .AddAgentCoreWorkloadAccessTokenPropagation();

        // per call, inside an invocation or its background work:
        using var request = new HttpRequestMessage(HttpMethod.Get, "user/repos").WithAgentCoreContext(context);
        using var response = await github.SendAsync(request, cancellationToken);
    }
}

sealed class QueueStatusSource(MyQueue queue) : IAgentCorePingStatusSource
{
    public ValueTask<AgentCorePingStatus?> GetStatusAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<AgentCorePingStatus?>(queue.Count > 0 ? AgentCorePingStatus.HealthyBusy : null);
}

/// <summary>Stands for the app's own work queue.</summary>
internal sealed class MyQueue
{
    public int Count { get; set; }
}

/// <summary>Payload of the runtime-hosting examples.</summary>
public sealed record Prompt(string Text);

/// <summary>Payload of the example that rejects an unknown repository.</summary>
public sealed record SummaryRequest(string Repository);

/// <summary>Response of the runtime-hosting examples.</summary>
public sealed record Answer(string Text);
