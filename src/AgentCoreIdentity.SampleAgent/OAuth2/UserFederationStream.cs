using System.Text.Json;

namespace AgentCoreIdentity.SampleAgent.OAuth2;

/// <summary>
/// <c>POST /oauth2/user-federation</c>: streams <c>authorization_required</c> with the URL as soon as the service requires
/// consent, and polls only after that event has been flushed to the caller. Then it streams <c>token</c> or
/// <c>error</c>. The stream starts with the first event, so a request that fails before it (invalid headers, no
/// <c>OAuth2CallbackUrl</c>, no token, an unknown provider) gets a plain JSON error with a 4xx or 5xx status instead.
/// </summary>
internal static class UserFederationStream
{
    /// <summary>Error code of a request without the <c>OAuth2CallbackUrl</c> header.</summary>
    public const string MissingCallbackUrl = "MissingOAuth2CallbackUrl";

    public static async Task HandleAsync(HttpContext http, AccessTokenProvider tokens, SampleAgentSettings settings, ILogger<ErrorBody> errors)
    {
        AgentCoreRequestContext context;
        try
        {
            context = AgentCoreRequestContext.FromHttpRequest(http.Request);
        }
        catch (AgentCoreIdentityException ex)
        {
            await ErrorBody.From(ex).ToResult(StatusCodes.Status400BadRequest, errors, http).ExecuteAsync(http);
            return;
        }

        if (context.OAuth2CallbackUrl is null)
        {
            await MissingCallbackUrlError(http.Request).ToResult(StatusCodes.Status400BadRequest, errors, http).ExecuteAsync(http);
            return;
        }

        try
        {
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
                        new OAuth2Routes.AuthorizationOutcome(prompt.AuthorizationUrl.AbsoluteUri, prompt.SessionUri),
                        cancellationToken),
                },
                http.RequestAborted);
            await WriteEventAsync(
                http.Response,
                "token",
                new OAuth2Routes.TokenOutcome(result.ProviderName, result.Flow.Value, result.AccessToken.Length, result.SessionUri),
                http.RequestAborted);
        }
        catch (AgentCoreIdentityException ex) when (!http.Response.HasStarted)
        {
            await ErrorBody.From(ex).ToResult(OAuth2Routes.StatusFor(ex), errors, http).ExecuteAsync(http);
        }
        catch (AgentCoreIdentityException ex)
        {
            errors.LogWarning("The user-federation stream of {TraceIdentifier} ended with {Error}: {Message}", http.TraceIdentifier, ex.Code, ex.Message);
            await WriteEventAsync(http.Response, "error", ErrorBody.From(ex), http.RequestAborted);
        }
    }

    private static ErrorBody MissingCallbackUrlError(HttpRequest request) => new(
        MissingCallbackUrl,
        $"A user-federation request needs the {AgentCoreHeaderNames.OAuth2CallbackUrl} header: the URL that the user's browser "
        + "returns to after consent. Send it with a URL that is registered in the workload identity's "
        + $"allowedResourceOauth2ReturnUrls, such as this agent's return URL: "
        + $"'{AgentCoreHeaderNames.OAuth2CallbackUrl}: {request.Scheme}://{request.Host}{OAuth2Routes.CallbackPath}'.");

    /// <summary>Writes one server-sent event and flushes it; the first event starts the 200 response.</summary>
    private static async Task WriteEventAsync<T>(HttpResponse response, string name, T data, CancellationToken cancellationToken)
    {
        if (!response.HasStarted)
        {
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-store";
        }

        await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, JsonSerializerOptions.Web)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
