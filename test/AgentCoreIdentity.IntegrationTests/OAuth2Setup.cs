using System.Net;
using Amazon;
using Amazon.Runtime.Signing;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>OAuth2 providers, a registered return URL and a browser stand-in for tests against the emulator.</summary>
internal static class OAuth2Setup
{
    public const string M2MProvider = "inventory-m2m";
    public const string M2MToken = "m2m-access-token-1";
    public const string UserProvider = "google-calendar";
    public const string UserToken = "user-access-token-1";
    public const string ReturnUrl = "https://agent.example.com/oauth2/callback";
    public const string UserJwt1 = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnLTE";
    public const string UserJwt2 = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTIifQ.c2lnLTI";

    /// <summary>Adds an M2M and a user-federation provider, and registers <see cref="ReturnUrl"/> on the workload.</summary>
    public static void AddProviders(EmulatorEnvironment environment, string? m2mFailure = null)
    {
        environment.Emulator.AddOAuth2Provider(M2MProvider, M2MToken, m2mFailure);
        environment.Emulator.AddOAuth2Provider(UserProvider, UserToken);
        environment.Emulator.AddWorkloadIdentity(EmulatorEnvironment.WorkloadName, [ReturnUrl]);
    }

    public static AccessTokenRequest UserFederation(Func<AuthorizationPrompt, CancellationToken, Task>? onAuthorizationUrl) => new()
    {
        ProviderName = UserProvider,
        Flow = OAuth2Flow.UserFederation,
        Scopes = ["calendar.read"],
        CallbackUrl = new Uri(ReturnUrl),
        OnAuthorizationUrl = onAuthorizationUrl,
    };

    /// <summary>
    /// Opens the authorization URL as the user's browser would, without following the redirect, and returns the
    /// return URL that the consent page redirected to.
    /// </summary>
    public static async Task<Uri> ConsentAsync(Uri authorizationUrl)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(authorizationUrl);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return response.Headers.Location!;
    }

    /// <summary>An HTTP client that signs every request for the emulator with the environment's access key.</summary>
    public static HttpClient CreateSignedClient(EmulatorEnvironment environment) =>
        new(new SigV4SigningHandler(
            environment.Credentials,
            RegionEndpoint.GetBySystemName(environment.Emulator.Region),
            "bedrock-agentcore",
            new SocketsHttpHandler { AllowAutoRedirect = false }))
        {
            BaseAddress = environment.Emulator.Endpoint,
        };
}
