using AgentCoreIdentity;

namespace DocExamples.OAuth2;

/// <summary>The C# examples of docs/oauth2.md, each wrapped in a method that supplies the variables it uses.</summary>
public static class OAuth2Examples
{
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

    /// <summary>Stands for the app's own channel to the user, such as a server-sent event.</summary>
    private static Task StreamToUserAsync(Uri authorizationUrl, CancellationToken cancellationToken) => Task.CompletedTask;
}
