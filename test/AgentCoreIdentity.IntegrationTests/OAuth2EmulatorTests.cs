using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using static AgentCoreIdentity.IntegrationTests.OAuth2Setup;

namespace AgentCoreIdentity.IntegrationTests;

public class OAuth2EmulatorTests : SecretScanningTest
{
    private static AgentCoreRequestContext Context(EmulatorEnvironment environment) =>
        new() { WorkloadAccessToken = environment.IssueToken() };

    private static AccessTokenRequest M2M => new() { ProviderName = M2MProvider, Flow = OAuth2Flow.M2M, Scopes = ["inventory.read"] };

    [Test]
    public async Task M2m_token_comes_at_once()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(environment);
        var context = Context(environment);

        var result = await new AccessTokenProvider(environment.CreateOptions()).GetAccessTokenAsync(context, M2M);

        result.AccessToken.Should().Be(M2MToken);
        var request = environment.Emulator.ReceivedRequests.Should().ContainSingle().Which;
        request.Path.Should().Be("/identities/oauth2/token");
        request.SignatureValid.Should().BeTrue();
        request.StatusCode.Should().Be(200);
        request.Body.Should().Be(
            $"{{\"workloadIdentityToken\":\"{context.WorkloadAccessToken}\",\"resourceCredentialProviderName\":\"inventory-m2m\","
            + "\"scopes\":[\"inventory.read\"],\"oauth2Flow\":\"M2M\"}");
    }

    [Test]
    public async Task Client_credentials_failure_is_typed()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(environment, m2mFailure: "Error parsing ClientCredentials response");

        var act = () => new AccessTokenProvider(environment.CreateOptions()).GetAccessTokenAsync(Context(environment), M2M);

        var error = (await act.Should().ThrowAsync<IdentityValidationException>()).Which;
        error.ServiceMessage.Should().Be("Error parsing ClientCredentials response");
        error.ProviderName.Should().Be(M2MProvider);
        error.Region.Should().Be("us-east-1");
        error.RequestId.Should().NotBeNullOrEmpty();
        error.Message.Should().Contain("flow M2M").And.Contain("scopes [inventory.read]").And.Contain(error.RequestId!)
            .And.Contain("client secret");
        environment.Emulator.ReceivedRequests.Should().ContainSingle("a validation error is not retried");
    }

    private static IEnumerable<TestCaseData> UnknownProviderRequests()
    {
        yield return new TestCaseData(M2M with { ProviderName = "no-such-provider" }).SetArgDisplayNames("M2M");
        yield return new TestCaseData(UserFederation((_, _) => throw new InvalidOperationException("A missing provider starts no consent.")) with
        {
            ProviderName = "no-such-provider",
        }).SetArgDisplayNames("USER_FEDERATION");
    }

    [TestCaseSource(nameof(UnknownProviderRequests))]
    public async Task Unknown_provider_is_not_found(AccessTokenRequest request)
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(environment);
        AccessTokenResult? result = null;

        var act = async () => result = await new AccessTokenProvider(environment.CreateOptions()).GetAccessTokenAsync(Context(environment), request);

        var error = (await act.Should().ThrowAsync<IdentityResourceNotFoundException>()).Which;
        result.Should().BeNull("a missing provider never yields a token, empty or not");
        error.Message.Should().Contain("'no-such-provider'").And.Contain("us-east-1");
        error.Message.Should().Contain("'aws bedrock-agentcore-control list-oauth2-credential-providers --region us-east-1'");
        error.ProviderName.Should().Be("no-such-provider");
        error.Region.Should().Be("us-east-1");
        error.StatusCode.Should().Be(404);
        error.ServiceMessage.Should().Be("Resource Credential Provider not found");
        error.Attempts.Should().Be(1, "a missing provider is not retried");
        environment.Emulator.ReceivedRequests.Should().ContainSingle("a missing provider is not retried")
            .Which.StatusCode.Should().Be(404);
    }

    [Test]
    public async Task Unknown_provider_sends_no_bearer_downstream()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(environment);
        await using var downstream = await Outbound.DownstreamRecorder.StartAsync();
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddAgentCoreIdentity(environment.Configure);
        services.AddHttpClient("inventory", client => client.BaseAddress = downstream.Endpoint)
            .AddAgentCoreAccessToken(M2M with { ProviderName = "no-such-provider" });
        await using var serviceProvider = services.BuildServiceProvider();
        var client = serviceProvider.GetRequiredService<IHttpClientFactory>().CreateClient("inventory");

        var act = () => client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "items").WithAgentCoreContext(Context(environment)));

        (await act.Should().ThrowAsync<IdentityResourceNotFoundException>()).Which.Attempts.Should().Be(1);
        downstream.Calls.Should().BeEmpty("no request goes out without a token, so none carries an empty bearer");
        environment.Emulator.ReceivedRequests.Should().ContainSingle();
    }

    [Test]
    public async Task Missing_secret_grant_is_access_denied()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan, deniedActions: ["secretsmanager:GetSecretValue"]);
        AddProviders(environment);

        var act = () => new AccessTokenProvider(environment.CreateOptions()).GetAccessTokenAsync(Context(environment), M2M);

        var denied = (await act.Should().ThrowAsync<IdentityAccessDeniedException>()).Which;
        denied.DeniedAction.Should().Be("secretsmanager:GetSecretValue");
        denied.DeniedResource.Should().StartWith("arn:aws:secretsmanager:us-east-1:111122223333:secret:bedrock-agentcore-identity!default/oauth2/inventory-m2m-");
        denied.RequiredPolicyStatement.Should().Contain("secret:bedrock-agentcore-identity!*");
    }

    [Test]
    public async Task Token_exchange_returns_token()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(environment);

        var result = await new AccessTokenProvider(environment.CreateOptions()).GetAccessTokenAsync(
            Context(environment),
            M2M with { Flow = OAuth2Flow.OnBehalfOfTokenExchange, Audiences = ["api://inventory"] });

        result.AccessToken.Should().Be(M2MToken);
        environment.Emulator.ReceivedRequests.Single().Body.Should().EndWith("\"oauth2Flow\":\"ON_BEHALF_OF_TOKEN_EXCHANGE\",\"audiences\":[\"api://inventory\"]}");
    }

    [Test]
    public async Task Unregistered_return_url_is_typed_error()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(environment);
        var callbackCalled = false;
        var request = UserFederation((_, _) =>
        {
            callbackCalled = true;
            return Task.CompletedTask;
        }) with { CallbackUrl = new Uri("https://agent.example.com/not-registered") };

        var act = () => new AccessTokenProvider(environment.CreateOptions()).GetAccessTokenAsync(Context(environment), request);

        var error = (await act.Should().ThrowAsync<IdentityValidationException>()).Which;
        error.ServiceMessage.Should().Be("You must register and use at least one ResourceOauth2ReturnUrl on your workload identity to use this flow");
        error.Message.Should().Contain("allowedResourceOauth2ReturnUrls");
        callbackCalled.Should().BeFalse();
        environment.Emulator.ReceivedRequests.Should().ContainSingle("nothing is polled after a validation error");
    }

    [Test]
    public async Task Missing_return_url_gets_service_text()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(environment);
        using var http = CreateSignedClient(environment);
        var body = $"{{\"workloadIdentityToken\":\"{environment.IssueToken()}\",\"resourceCredentialProviderName\":\"{UserProvider}\",\"scopes\":[],\"oauth2Flow\":\"USER_FEDERATION\"}}";

        using var response = await http.PostAsync("/identities/oauth2/token", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-amzn-ErrorType").Single().Should().Be("ValidationException");
        (await response.Content.ReadAsStringAsync()).Should().Contain("You must register and use at least one ResourceOauth2ReturnUrl on your workload identity to use this flow");
    }

    [TestCase("{\"workloadIdentityToken\":\"t\",\"resourceCredentialProviderName\":\"p\",\"scopes\":[],\"oauth2Flow\":\"CLIENT_CREDENTIALS\"}", "oauth2Flow")]
    [TestCase("{\"workloadIdentityToken\":\"t\",\"resourceCredentialProviderName\":\"p\",\"oauth2Flow\":\"M2M\"}", "scopes")]
    [TestCase("{\"sessionUri\":\"urn:ietf:params:oauth:request_uri:a\",\"userIdentifier\":{\"userId\":\"u\",\"userToken\":\"a.b.c\"}}", "userIdentifier")]
    public async Task Invalid_members_get_validation_error(string body, string field)
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        using var http = CreateSignedClient(environment);
        var path = body.Contains("userIdentifier", StringComparison.Ordinal) ? "/identities/CompleteResourceTokenAuth" : "/identities/oauth2/token";

        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"\"name\":\"{field}\"");
    }

    [Test]
    public async Task Consent_page_rejects_unknown_session()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        using var browser = new HttpClient();

        using var response = await browser.GetAsync(new Uri(environment.Emulator.Endpoint, "/consent/unknown-session"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        environment.Emulator.ReceivedRequests.Should().BeEmpty("the consent page is not an Identity API operation");
    }

    [Test]
    public async Task Provider_from_dependency_injection_gets_token()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(environment);
        var services = new ServiceCollection();
        services.AddAgentCoreIdentity(environment.Configure);
        await using var serviceProvider = services.BuildServiceProvider();
        var provider = serviceProvider.GetRequiredService<AccessTokenProvider>();

        var result = await provider.GetAccessTokenAsync(Context(environment), M2M);

        result.AccessToken.Should().Be(M2MToken);
        serviceProvider.GetRequiredService<AccessTokenProvider>().Should().BeSameAs(provider);
    }
}
