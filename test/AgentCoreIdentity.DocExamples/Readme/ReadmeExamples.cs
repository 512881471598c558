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
                catch (Exception ex)
                {
                    // Nothing awaits this task, so log any other failure too, such as an ArgumentException for an invalid name.
                    logger.LogError(ex, "Invocation {RequestId} failed", context.RequestId);
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

}

/// <summary>Payload of the README's runtime-style example.</summary>
public sealed record Prompt(string Text);

/// <summary>Response of the README's runtime-style example.</summary>
public sealed record Answer(int GitHubStatus);
