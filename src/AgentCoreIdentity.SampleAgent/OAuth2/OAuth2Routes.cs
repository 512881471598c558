namespace AgentCoreIdentity.SampleAgent.OAuth2;

/// <summary>
/// The sample's OAuth2 endpoints. <c>POST /oauth2/m2m</c> gets a machine-to-machine token. <c>POST
/// /oauth2/user-federation</c> streams server-sent events: the authorization URL for the user, then the outcome once
/// the user has consented (see <see cref="UserFederationStream"/>). <c>GET /oauth2/callback</c> is the return URL that
/// binds the consent session to the user whose browser arrives there. Responses report token lengths, never tokens,
/// and every error is an <see cref="ErrorBody"/>.
/// </summary>
public static class OAuth2Routes
{
    /// <summary>Path of the return URL; register it on the workload identity.</summary>
    public const string CallbackPath = "/oauth2/callback";

    /// <summary>Maps the three endpoints.</summary>
    public static void MapOAuth2Routes(this WebApplication app)
    {
        app.MapPost("/oauth2/m2m", GetM2MTokenAsync);
        app.MapPost("/oauth2/user-federation", UserFederationStream.HandleAsync);
        app.MapGet(CallbackPath, CompleteConsentAsync);
    }

    /// <summary>
    /// Returns the HTTP status for an SDK error. A problem with the request itself gets 400: no workload access token,
    /// an invalid header, token headers that disagree, or no session id on the return URL. A session that the service
    /// would not bind to this user gets 403, and every failure of the credential call itself gets 502.
    /// </summary>
    internal static int StatusFor(AgentCoreIdentityException exception) => exception.Code switch
    {
        AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken
            or AgentCoreIdentityErrorCodes.InvalidRequestHeader
            or AgentCoreIdentityErrorCodes.ConflictingRequestHeaders
            or AgentCoreIdentityErrorCodes.InvalidOAuth2CallbackRequest => StatusCodes.Status400BadRequest,
        AgentCoreIdentityErrorCodes.InvalidOAuth2Session => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status502BadGateway,
    };

    private static async Task<IResult> GetM2MTokenAsync(
        HttpRequest request,
        AccessTokenProvider tokens,
        SampleAgentSettings settings,
        ILogger<ErrorBody> errors)
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
            return ErrorBody.From(ex).ToResult(StatusFor(ex), errors, request.HttpContext);
        }
    }

    /// <summary>
    /// Binds the session with the identity of the user whose browser arrived here (the bearer JWT it sends), so a
    /// different user who opens the link cannot complete someone else's consent.
    /// </summary>
    private static async Task<IResult> CompleteConsentAsync(HttpContext http, AccessTokenProvider tokens, ILogger<ErrorBody> errors)
    {
        try
        {
            var context = AgentCoreRequestContext.FromHttpRequest(http.Request);
            var sessionUri = OAuth2CallbackRequest.GetSessionUri(http.Request);
            if (context.UserToken is null && context.UserId is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return new ErrorBody(
                    "MissingUser",
                    "The request names no user, so the consent session cannot be bound to one. Send the same "
                    + "'Authorization: Bearer <JWT>' header whose JWT minted the workload access token that started the flow, "
                    + $"or the '{AgentCoreHeaderNames.UserId}' header with the same user id.")
                    .ToResult(StatusCodes.Status401Unauthorized, errors, http);
            }

            await tokens.CompleteResourceTokenAuthAsync(context, sessionUri, http.RequestAborted);
            // A line of its own, so that it does not run into the next prompt when curl prints it.
            return Results.Text("Consent is complete; you can close this window.\n");
        }
        catch (AgentCoreIdentityException ex)
        {
            return ErrorBody.From(ex).ToResult(StatusFor(ex), errors, http);
        }
    }

    /// <summary>A token that was obtained, described without the token itself.</summary>
    public sealed record TokenOutcome(string Provider, string Flow, int TokenLength, string? SessionUri);

    /// <summary>The consent step for the caller: the URL goes to the user who invoked the agent, and only to them.</summary>
    public sealed record AuthorizationOutcome(string AuthorizationUrl, string SessionUri);
}
