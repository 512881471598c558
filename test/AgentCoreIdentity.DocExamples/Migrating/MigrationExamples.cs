using AgentCoreIdentity;

namespace DocExamples.Migrating;

/// <summary>The C# side of docs/migrating-from-python.md, each example wrapped in a method that supplies its variables.</summary>
public static class MigrationExamples
{
    public static async Task<string> ApiKeyAsync(ApiKeyProvider apiKeys, AgentCoreRequestContext context, CancellationToken cancellationToken)
    {
        var apiKey = await apiKeys.GetApiKeyAsync(context, "github-api-key", cancellationToken);
        return apiKey;
    }

    public static async Task AccessTokenAsync(
        AccessTokenProvider tokens,
        AgentCoreRequestContext context,
        Func<Uri, CancellationToken, Task> sendToUserAsync,
        string csrfState,
        CancellationToken cancellationToken)
    {
        var result = await tokens.GetAccessTokenAsync(context, new AccessTokenRequest
        {
            ProviderName = "google-calendar",
            Flow = OAuth2Flow.UserFederation,                                    // auth_flow="USER_FEDERATION"
            Scopes = ["https://www.googleapis.com/auth/calendar.readonly"],
            OnAuthorizationUrl = (prompt, ct) => sendToUserAsync(prompt.AuthorizationUrl, ct),   // on_auth_url
            CallbackUrl = new Uri("https://agent.example.com/oauth2/callback"),  // callback_url; default: context.OAuth2CallbackUrl
            ForceAuthentication = false,                                          // force_authentication
            CustomState = csrfState,                                              // custom_state
            CustomParameters = new Dictionary<string, string> { ["prompt"] = "consent" },   // custom_parameters
        }, cancellationToken);

        var accessToken = result.AccessToken;
    }

    public static async Task NoWaitingAsync(AccessTokenProvider tokens, AgentCoreRequestContext context, CancellationToken cancellationToken)
    {
        var request = new AccessTokenRequest { ProviderName = "google-calendar", Flow = OAuth2Flow.UserFederation, Scopes = ["calendar.read"] };
        try
        {
            var result = await tokens.GetAccessTokenAsync(context, request, cancellationToken);
        }
        catch (AuthorizationRequiredException ex)
        {
            // Send ex.AuthorizationUrl to the user; once the return URL endpoint has bound the session, ask again:
            var result = await tokens.GetAccessTokenAsync(context, request with { SessionUri = ex.SessionUri }, cancellationToken);
        }
    }

    public static void ConfigurePolling(WebApplicationBuilder builder)
    {
        builder.Services.AddAgentCoreIdentity(options =>
        {
            options.ConsentPollingInterval = TimeSpan.FromSeconds(2);   // Python: 5 s, fixed
            options.ConsentTimeout = TimeSpan.FromMinutes(3);           // Python: 600 s, fixed
        });
    }

    public static void PropagateWorkloadAccessToken(WebApplicationBuilder builder, AgentCoreRequestContext context)
    {
        // @requires_wat: read the token from the record...
        var workloadAccessToken = context.WorkloadAccessToken;

        // ...or let a handler send it on to other runtimes and gateways as X-Amz-Bedrock-AgentCore-Identity-WAT.
        builder.Services.AddHttpClient("gateway").AddAgentCoreWorkloadAccessTokenPropagation();
    }

    public static AgentCoreRequestContext ReadContext(AgentCoreRequestContext context)
    {
        var token = context.WorkloadAccessToken;           // get_workload_access_token()
        var requestId = context.RequestId;                 // get_request_id()
        var sessionId = context.SessionId;                 // get_session_id()
        var callbackUrl = context.OAuth2CallbackUrl;       // get_oauth2_callback_url()
        var headers = context.ForwardedHeaders;            // get_request_headers()

        // set_workload_access_token(...): derive a new record instead of changing shared state.
        return context with { WorkloadAccessToken = "token-minted-elsewhere" };
    }

    public static void BackgroundTasks(WebApplication app, AgentCorePingService ping, BackgroundWorkTracker tracker, AgentCoreRequestContext context)
    {
        // @app.async_task: /ping reports HealthyBusy while the work runs.
        tracker.Start(context, async (ctx, ct) => await Task.Delay(TimeSpan.FromMinutes(1), ct), name: "long-job");

        // add_async_task / complete_async_task: a busy period that ends when disposed.
        using (ping.MarkBusy())
        {
            // work that is not started through the tracker
        }

        // force_ping_status / clear_forced_ping_status
        ping.ForceStatus(AgentCorePingStatus.HealthyBusy);
        ping.ClearForcedStatus();

        // get_async_task_info
        var running = tracker.GetRunningWork();
    }

    public static async Task MintAsync(WorkloadAccessTokenClient workloadTokens, string userJwt, CancellationToken cancellationToken)
    {
        var forUser = await workloadTokens.GetWorkloadAccessTokenForJwtAsync("my-agent", userJwt, cancellationToken);
        var forUserId = await workloadTokens.GetWorkloadAccessTokenForUserIdAsync("my-agent", "user-1", cancellationToken);
        var forAgent = await workloadTokens.GetWorkloadAccessTokenAsync("my-agent", cancellationToken);
    }

    public static void CompleteConsent(WebApplication app)
    {
        app.MapGet("/oauth2/callback", async (HttpRequest request, AccessTokenProvider tokens, CancellationToken cancellationToken) =>
        {
            var sessionUri = OAuth2CallbackRequest.GetSessionUri(request);
            var context = AgentCoreRequestContext.FromHttpRequest(request);

            // userIdentifier: the request's bearer JWT, else its user id. UserIdentifier.FromUserToken or
            // UserIdentifier.FromUserId name the user explicitly instead.
            await tokens.CompleteResourceTokenAuthAsync(context, sessionUri, cancellationToken);
            return Results.Text("Consent is complete.");
        });
    }
}
