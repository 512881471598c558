using AgentCoreIdentity;

namespace DocExamples.GettingStarted.Plain;

/// <summary>The Program.cs of docs/getting-started.md (plain style), its top-level statements wrapped in a method.</summary>
public static class PlainAgent
{
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Region, endpoint and retries come from the "AgentCoreIdentity" configuration section, else the AWS defaults.
        builder.Services.AddAgentCoreIdentity(builder.Configuration.GetSection(AgentCoreIdentityOptions.ConfigurationSectionName));
        builder.Services.AddAgentCoreRuntime();
        builder.Services.AddExceptionHandler<AgentCoreRequestContextExceptionHandler>();
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseExceptionHandler();

        app.MapPost("/invocations", async (HttpRequest request, ApiKeyProvider apiKeys, AccessTokenProvider tokens, CancellationToken cancellationToken) =>
        {
            // The invocation's values, read once from the headers AgentCore Runtime sent. Invalid headers become a 400.
            var context = AgentCoreRequestContext.FromHttpRequest(request);

            try
            {
                var apiKey = await apiKeys.GetApiKeyAsync(context, "github-api-key", cancellationToken);
                var token = await tokens.GetAccessTokenAsync(
                    context,
                    new AccessTokenRequest { ProviderName = "inventory-m2m", Flow = OAuth2Flow.M2M, Scopes = ["inventory.read"] },
                    cancellationToken);

                // Call the third-party APIs with apiKey and token.AccessToken here. Never log or return them.
                return Results.Ok(new { context.RequestId, ApiKeyLength = apiKey.Length, TokenLength = token.AccessToken.Length });
            }
            catch (AgentCoreIdentityException ex)
            {
                // Codes and messages never contain a secret, so they may go back to the caller.
                return Results.Json(new { error = ex.Code, message = ex.Message }, statusCode: StatusCodes.Status502BadGateway);
            }
        });

        app.MapAgentCorePing();

        app.Run();
    }
}
