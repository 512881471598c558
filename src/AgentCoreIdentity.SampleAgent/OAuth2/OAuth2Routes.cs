using System.Text.Json;

namespace AgentCoreIdentity.SampleAgent.OAuth2;

/// <summary>
/// The sample's OAuth2 endpoints. <c>POST /oauth2/m2m</c> gets a machine-to-machine token. <c>POST
/// /oauth2/user-federation</c> streams server-sent events: the authorization URL for the user, then the outcome once
/// the user has consented. <c>GET /oauth2/callback</c> is the return URL that binds the consent session to the user
/// whose browser arrives there. Responses report token lengths, never tokens.
/// </summary>
public static class OAuth2Routes
{
    /// <summary>Path of the return URL; register it on the workload identity.</summary>
    public const string CallbackPath = "/oauth2/callback";

    /// <summary>Maps the three endpoints.</summary>
    public static void MapOAuth2Routes(this WebApplication app)
    {
        app.MapPost("/oauth2/m2m", GetM2MTokenAsync);
        app.MapPost("/oauth2/user-federation", StreamUserFederationAsync);
        app.MapGet(CallbackPath, CompleteConsentAsync);
    }

    private static async Task<IResult> GetM2MTokenAsync(HttpRequest request, AccessTokenProvider tokens, SampleAgentSettings settings)
    {
        try
        {
            var context = AgentCoreRequestContext.FromHttpRequest(request);
            var result = await tokens.GetAccessTokenAsync(
                context,
                new AccessTokenRequest { ProviderName = settings.M2MProviderName, Flow = OAuth2Flow.M2M, Scopes = ["inventory.read"] },
                request.HttpContext.RequestAborted);
            return Results.Json(new TokenOutcome(result.ProviderName, result.Flow.Value, result.AccessToken.Length, result.SessionUri));
        }
        catch (AgentCoreIdentityException ex)
        {
            return Results.Json(new ErrorOutcome(ex.Code, ex.Message), statusCode: StatusCodes.Status502BadGateway);
        }
    }

    /// <summary>
    /// Streams <c>authorization_required</c> with the URL as soon as the service requires consent, and polls only after
    /// that event has been flushed to the caller. Then it streams <c>token</c> or <c>error</c>.
    /// </summary>
    private static async Task StreamUserFederationAsync(HttpContext http, AccessTokenProvider tokens, SampleAgentSettings settings)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            var context = AgentCoreRequestContext.FromHttpRequest(http.Request);
            var result = await tokens.GetAccessTokenAsync(
                context,
                new AccessTokenRequest
                {
                    ProviderName = settings.UserFederationProviderName,
                    Flow = OAuth2Flow.UserFederation,
                    Scopes = ["calendar.read"],
                    OnAuthorizationUrl = (prompt, cancellationToken) => WriteEventAsync(
                        http.Response,
                        "authorization_required",
                        new AuthorizationOutcome(prompt.AuthorizationUrl.AbsoluteUri, prompt.SessionUri),
                        cancellationToken),
                },
                http.RequestAborted);
            await WriteEventAsync(
                http.Response,
                "token",
                new TokenOutcome(result.ProviderName, result.Flow.Value, result.AccessToken.Length, result.SessionUri),
                http.RequestAborted);
        }
        catch (AgentCoreIdentityException ex)
        {
            await WriteEventAsync(http.Response, "error", new ErrorOutcome(ex.Code, ex.Message), http.RequestAborted);
        }
    }

    /// <summary>
    /// Binds the session with the identity of the user whose browser arrived here (the bearer JWT it sends), so a
    /// different user who opens the link cannot complete someone else's consent.
    /// </summary>
    private static async Task<IResult> CompleteConsentAsync(HttpRequest request, AccessTokenProvider tokens)
    {
        if (!OAuth2CallbackRequest.TryGetSessionUri(request, out var sessionUri))
        {
            return Results.Text("The session_id query parameter is missing or invalid.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var context = AgentCoreRequestContext.FromHttpRequest(request);
            await tokens.CompleteResourceTokenAuthAsync(context, sessionUri, request.HttpContext.RequestAborted);
            return Results.Text("Consent is complete; you can close this window.");
        }
        catch (ArgumentException)
        {
            return Results.Text("Sign in first: the request names no user.", statusCode: StatusCodes.Status401Unauthorized);
        }
        catch (InvalidOAuth2SessionException ex)
        {
            return Results.Json(new ErrorOutcome(ex.Code, ex.Message), statusCode: StatusCodes.Status403Forbidden);
        }
    }

    private static async Task WriteEventAsync<T>(HttpResponse response, string name, T data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, JsonSerializerOptions.Web)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>A token that was obtained, described without the token itself.</summary>
    public sealed record TokenOutcome(string Provider, string Flow, int TokenLength, string? SessionUri);

    /// <summary>The consent step for the caller: the URL goes to the user who invoked the agent, and only to them.</summary>
    public sealed record AuthorizationOutcome(string AuthorizationUrl, string SessionUri);

    /// <summary>An SDK error, by stable code and message.</summary>
    public sealed record ErrorOutcome(string Code, string Message);
}
