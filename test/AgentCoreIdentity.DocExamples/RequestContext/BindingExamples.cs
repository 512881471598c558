using AgentCoreIdentity;

namespace DocExamples.RequestContext;

/// <summary>The minimal-API binding example of docs/request-context.md.</summary>
public static class BindingExamples
{
    public static void BindContextParameter(WebApplicationBuilder builder)
    {
        builder.Services.AddAgentCoreIdentity();
        builder.Services.AddExceptionHandler<AgentCoreRequestContextExceptionHandler>();
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseExceptionHandler();

        app.MapPost("/invocations", (AgentCoreRequestContext context, ApiKeyProvider apiKeys) =>
        {
            _ = Task.Run(() => apiKeys.GetApiKeyAsync(context, "github-api-key"));
            return Results.Accepted();
        });
    }
}
