using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Tests.OAuth2;

/// <summary>Values and builders shared by the user-consent tests.</summary>
internal static class ConsentFixtures
{
    public const string WorkloadAccessToken = "wat-consent-secret";
    public const string CallbackUrl = "https://agent.example.com/oauth2/callback";
    public const string SessionUri = "urn:ietf:params:oauth:request_uri:c7-session";
    public const string AuthorizationUrl = "https://idp.example/authorize?x=1";
    public const string AccessToken = "c7-access-token";
    public const string UserJwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnLTE";
    public const string CustomState = "csrf-state-7f3a9c";
    public const string LoginHint = "user-1@example.com";

    public static readonly string AuthorizationResponse =
        $$"""{"authorizationUrl":"{{AuthorizationUrl}}","sessionUri":"{{SessionUri}}","sessionStatus":"IN_PROGRESS"}""";

    public static readonly string PendingResponse = $$"""{"sessionUri":"{{SessionUri}}","sessionStatus":"IN_PROGRESS"}""";

    public static readonly string FailedResponse = $$"""{"sessionUri":"{{SessionUri}}","sessionStatus":"FAILED"}""";

    public static readonly string TokenResponse = $$"""{"accessToken":"{{AccessToken}}"}""";

    /// <summary>The context of an invocation that carries the token, the return URL header and the user's JWT.</summary>
    public static AgentCoreRequestContext Context() => AgentCoreRequestContext.FromHeaders(new HeaderDictionary
    {
        [AgentCoreHeaderNames.WorkloadAccessToken] = WorkloadAccessToken,
        [AgentCoreHeaderNames.OAuth2CallbackUrl] = CallbackUrl,
        ["Authorization"] = "Bearer " + UserJwt,
    });

    /// <summary>A user-federation request with every optional member that a first call may carry.</summary>
    public static AccessTokenRequest Request(Func<AuthorizationPrompt, CancellationToken, Task>? onAuthorizationUrl = null) => new()
    {
        ProviderName = "google",
        Flow = OAuth2Flow.UserFederation,
        Scopes = ["openid", "email"],
        CustomParameters = new Dictionary<string, string> { ["login_hint"] = LoginHint },
        CustomState = CustomState,
        ForceAuthentication = true,
        OnAuthorizationUrl = onAuthorizationUrl ?? ((_, _) => Task.CompletedTask),
    };

    /// <summary>Registers every secret value of this class with <paramref name="scan"/>.</summary>
    public static void RegisterSecrets(SecretScan scan)
    {
        scan.Register(WorkloadAccessToken, "workload access token");
        scan.Register(AuthorizationUrl, "authorization URL");
        scan.Register(AccessToken, "access token");
        scan.Register(UserJwt, "user JWT");
        scan.Register(CustomState, "custom state");
        scan.Register(LoginHint, "custom parameter value");
    }

    public static AccessTokenProvider CreateProvider(
        ScriptedDataPlane dataPlane,
        TimeProvider time,
        TimeSpan? interval = null,
        TimeSpan? timeout = null,
        Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var options = new AgentCoreIdentityOptions();
        options.ConsentPollingInterval = interval ?? options.ConsentPollingInterval;
        options.ConsentTimeout = timeout ?? options.ConsentTimeout;
        return new AccessTokenProvider(dataPlane, options, time, logger);
    }
}
