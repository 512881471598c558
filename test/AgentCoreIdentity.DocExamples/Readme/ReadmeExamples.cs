using AgentCoreIdentity;

namespace DocExamples.Readme;

/// <summary>The C# examples of README.md, each wrapped in a method that supplies the variables it uses.</summary>
public static class ReadmeExamples
{
    public static void FireAndForget(WebApplication app)
    {
        app.MapPost("/invocations", (HttpRequest request, ApiKeyProvider apiKeys, ILogger<Program> logger) =>
        {
            var context = AgentCoreRequestContext.FromHttpRequest(request);   // throws on invalid headers
            _ = Task.Run(async () =>
            {
                try
                {
                    var key = await apiKeys.GetApiKeyAsync(context, "github-api-key");
                    // call the third-party API with key
                }
                catch (AgentCoreIdentityException ex)
                {
                    logger.LogError("Invocation {RequestId} failed with {Code}: {Message}", context.RequestId, ex.Code, ex.Message);
                }
            });
            return Results.Accepted();
        });
    }

    public static async Task RegisterAndFetchAsync(
        WebApplicationBuilder builder,
        ApiKeyProvider apiKeys,
        AgentCoreRequestContext context,
        CancellationToken cancellationToken)
    {
        builder.Services.AddAgentCoreIdentity();   // region and credentials from the AWS default chains

        var key = await apiKeys.GetApiKeyAsync(context, "github-api-key", cancellationToken);
    }

    public static void RegisterFromConfiguration(WebApplicationBuilder builder)
    {
        builder.Services.AddAgentCoreIdentity(builder.Configuration.GetSection(AgentCoreIdentityOptions.ConfigurationSectionName));
    }

    public static async Task MintOutsideRuntimeAsync(string userJwt)
    {
        var tokens = new WorkloadAccessTokenClient(new AgentCoreIdentityOptions { Region = "us-east-1" });
        var context = await tokens.GetWorkloadAccessTokenForJwtAsync("my-agent", userJwt);
    }

    public static async Task GetOAuth2TokensAsync(AccessTokenProvider tokens, AgentCoreRequestContext context)
    {
        var m2m = await tokens.GetAccessTokenAsync(context,
            new AccessTokenRequest { ProviderName = "inventory-m2m", Flow = OAuth2Flow.M2M, Scopes = ["inventory.read"] });

        var calendar = await tokens.GetAccessTokenAsync(context, new AccessTokenRequest
        {
            ProviderName = "google-calendar",
            Flow = OAuth2Flow.UserFederation,
            Scopes = ["calendar.read"],
            // Send the URL to the user who invoked the agent; polling starts once this task completes.
            OnAuthorizationUrl = (prompt, ct) => StreamToUserAsync(prompt.AuthorizationUrl, ct),
        });
    }

    public static void MapCallback(WebApplication app)
    {
        app.MapGet("/oauth2/callback", async (HttpRequest request, AccessTokenProvider tokens) =>
        {
            var context = AgentCoreRequestContext.FromHttpRequest(request);   // the user's own bearer JWT
            await tokens.CompleteResourceTokenAuthAsync(context, OAuth2CallbackRequest.GetSessionUri(request));
            return Results.Text("Consent is complete.");
        });
    }

    public static void RuntimeStyle(WebApplicationBuilder builder)
    {
        builder.Services.AddAgentCoreIdentity();
        builder.Services.AddAgentCoreRuntime();
        builder.Services.AddHttpClient("github").AddAgentCoreApiKey("github-api-key", "Authorization", "Bearer ");

        var app = builder.Build();
        var github = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("github");

        app.MapAgentCoreRuntime(async (Prompt prompt, AgentCoreRequestContext context, CancellationToken cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.github.com/user/repos")
                .WithAgentCoreContext(context);
            using var response = await github.SendAsync(request, cancellationToken);   // the handler adds the key
            return new Answer((int)response.StatusCode);
        });
    }

    /// <summary>Stands for the app's own channel to the user, such as a server-sent event.</summary>
    private static Task StreamToUserAsync(Uri authorizationUrl, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Payload of the README's runtime-style example.</summary>
public sealed record Prompt(string Text);

/// <summary>Response of the README's runtime-style example.</summary>
public sealed record Answer(int GitHubStatus);
