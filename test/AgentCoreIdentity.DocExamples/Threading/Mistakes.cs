using AgentCoreIdentity;

namespace DocExamples.Threading;

/// <summary>
/// The "what not to do" examples of docs/threading-and-background-work.md. They compile, and each is wrong at run
/// time for the reason the page gives.
/// </summary>
public static class Mistakes
{
    public static void CaptureHttpContext(WebApplication app, ApiKeyProvider apiKeys)
    {
        // Wrong: the request's HttpContext is recycled once the response is sent.
        app.MapPost("/invocations", (HttpContext http) =>
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                var context = AgentCoreRequestContext.FromHttpRequest(http.Request);   // another request's headers, or an exception
                await apiKeys.GetApiKeyAsync(context, "github-api-key");
            });
            return Results.Accepted();
        });
    }
}

public sealed class CurrentInvocation
{
    // Wrong: one field shared by every concurrent invocation. The last request to arrive wins.
    public AgentCoreRequestContext? Context { get; set; }
}

public static class AmbientContext
{
    // Wrong: flows only where the execution context flows, and this SDK never reads it.
    public static readonly AsyncLocal<AgentCoreRequestContext?> Current = new();
}
