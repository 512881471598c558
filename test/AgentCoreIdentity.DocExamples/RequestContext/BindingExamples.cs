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

        app.MapPost("/invocations", async (AgentCoreRequestContext context, ApiKeyProvider apiKeys, CancellationToken cancellationToken) =>
        {
            var key = await apiKeys.GetApiKeyAsync(context, "github-api-key", cancellationToken);
            // call the third-party API with key
            return Results.Ok();
        });
    }
}
