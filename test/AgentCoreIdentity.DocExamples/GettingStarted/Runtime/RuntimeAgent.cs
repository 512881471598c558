using AgentCoreIdentity;

namespace DocExamples.GettingStarted.Runtime;

/// <summary>The runtime-style Program.cs of docs/getting-started.md, its top-level statements wrapped in a method.</summary>
public static class RuntimeAgent
{
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAgentCoreIdentity(builder.Configuration.GetSection(AgentCoreIdentityOptions.ConfigurationSectionName));
        builder.Services.AddAgentCoreRuntime();

        var app = builder.Build();
        var apiKeys = app.Services.GetRequiredService<ApiKeyProvider>();
        var tokens = app.Services.GetRequiredService<AccessTokenProvider>();

        // Maps POST /invocations and GET /ping. Invalid headers and SDK errors become JSON error bodies with their code.
        app.MapAgentCoreRuntime(async (InvocationRequest payload, AgentCoreRequestContext context, CancellationToken cancellationToken) =>
        {
            var apiKey = await apiKeys.GetApiKeyAsync(context, "github-api-key", cancellationToken);
            var token = await tokens.GetAccessTokenAsync(
                context,
                new AccessTokenRequest { ProviderName = "inventory-m2m", Flow = OAuth2Flow.M2M, Scopes = ["inventory.read"] },
                cancellationToken);

            return new InvocationResult(context.RequestId, apiKey.Length, token.AccessToken.Length);
        });

        app.Run();
    }
}
