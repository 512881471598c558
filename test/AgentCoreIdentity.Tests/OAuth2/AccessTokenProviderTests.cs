using System.Net;
using System.Text;
using System.Text.Json;
using AgentCoreIdentity.DataPlane;
using AgentCoreIdentity.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Tests.OAuth2;

public class AccessTokenProviderTests : SecretScanningTest
{
    // The wire fixtures use the workload access token "WAT-123", which is too short to scan for without false hits.
    [SetUp]
    public void RegisterTokens()
    {
        Scan.Register("m2m-token", "M2M access token");
        Scan.Register("obo-token", "token-exchange access token");
    }

    private AccessTokenProvider CreateProvider(IIdentityDataPlane dataPlane) =>
        new(dataPlane, new AgentCoreIdentityOptions(), TimeProvider.System, Scan.LoggerFactory.CreateLogger<AccessTokenProvider>());

    private static AgentCoreRequestContext ContextWithToken(string token = "WAT-123") => new()
    {
        WorkloadAccessToken = token,
        OAuth2CallbackUrl = new Uri("https://app.example.com/callback"),
    };

    [Test]
    public async Task M2m_body_matches_official_sdk()
    {
        var dataPlane = new ScriptedDataPlane().Respond("{\"accessToken\":\"m2m-token\"}");

        var result = await CreateProvider(dataPlane).GetAccessTokenAsync(
            ContextWithToken(),
            new AccessTokenRequest { ProviderName = "m2m", Flow = OAuth2Flow.M2M, Scopes = ["read"] });

        result.AccessToken.Should().Be("m2m-token");
        result.Flow.Should().Be(OAuth2Flow.M2M);
        result.SessionUri.Should().BeNull();
        var body = Encoding.UTF8.GetString(JsonWriting.Serialize(dataPlane.Requests.Single()));
        body.Should().Be(WireFixtures.RequestBody("GetResourceOauth2Token (M2M)"), "M2M sends no return URL, even when the context has one");
    }

    [Test]
    public async Task First_consent_call_matches_official_sdk()
    {
        var dataPlane = new ScriptedDataPlane().Respond("{\"accessToken\":\"t\"}");

        await CreateProvider(dataPlane).GetAccessTokenAsync(ContextWithToken(), new AccessTokenRequest
        {
            ProviderName = "google",
            Flow = OAuth2Flow.UserFederation,
            Scopes = ["openid", "email"],
            ForceAuthentication = true,
            CustomParameters = new Dictionary<string, string> { ["access_type"] = "offline" },
            CustomState = "state-1",
        });

        var expected = Members(WireFixtures.RequestBody("GetResourceOauth2Token (USER_FEDERATION, every optional member set)"));
        expected.RemoveAll(member => member.Key == "sessionUri");
        Members(dataPlane.Bodies.Single().GetRawText()).Should().Equal(expected, "the first call carries every member but the session");
    }

    [Test]
    public async Task Continued_session_matches_official_sdk()
    {
        var dataPlane = new ScriptedDataPlane().Respond("{\"accessToken\":\"t\"}");

        await CreateProvider(dataPlane).GetAccessTokenAsync(ContextWithToken(), new AccessTokenRequest
        {
            ProviderName = "google",
            Flow = OAuth2Flow.UserFederation,
            Scopes = ["openid", "email"],
            SessionUri = "urn:ietf:params:oauth:request_uri:abc",
            CustomParameters = new Dictionary<string, string> { ["access_type"] = "offline" },
            CustomState = "state-1",
        });

        var expected = Members(WireFixtures.RequestBody("GetResourceOauth2Token (USER_FEDERATION, every optional member set)"));
        expected.RemoveAll(member => member.Key == "forceAuthentication");
        Members(dataPlane.Bodies.Single().GetRawText()).Should().Equal(expected);
    }

    [Test]
    public async Task Token_exchange_sends_resources_and_audiences()
    {
        var dataPlane = new ScriptedDataPlane().Respond("{\"accessToken\":\"obo-token\"}");

        var result = await CreateProvider(dataPlane).GetAccessTokenAsync(ContextWithToken(), new AccessTokenRequest
        {
            ProviderName = "downstream",
            Flow = OAuth2Flow.OnBehalfOfTokenExchange,
            Scopes = ["api"],
            Resources = ["https://api.example.com/"],
            Audiences = ["api://downstream"],
        });

        result.AccessToken.Should().Be("obo-token");
        Encoding.UTF8.GetString(JsonWriting.Serialize(dataPlane.Requests.Single())).Should().Be(
            "{\"workloadIdentityToken\":\"WAT-123\",\"resourceCredentialProviderName\":\"downstream\",\"scopes\":[\"api\"],"
            + "\"oauth2Flow\":\"ON_BEHALF_OF_TOKEN_EXCHANGE\",\"resources\":[\"https://api.example.com/\"],\"audiences\":[\"api://downstream\"]}");
    }

    [Test]
    public async Task Client_credentials_error_names_request()
    {
        var handler = new StubHandler(HttpStatusCode.BadRequest, "ValidationException", "req-c10",
            "{\"message\":\"Error parsing ClientCredentials response\",\"reason\":\"FieldValidationFailed\"}");
        var options = new AgentCoreIdentityOptions { Region = "eu-west-1", Endpoint = new Uri("http://127.0.0.1:9") };
        var dataPlane = new HttpIdentityDataPlane(() => new HttpClient(handler, disposeHandler: false), new IdentityEndpointResolver(options));

        var act = () => CreateProvider(dataPlane).GetAccessTokenAsync(
            ContextWithToken(),
            new AccessTokenRequest { ProviderName = "m2m", Flow = OAuth2Flow.M2M, Scopes = ["read", "write"] });

        var error = (await act.Should().ThrowAsync<IdentityValidationException>()).Which;
        error.Operation.Should().Be("GetResourceOauth2Token");
        error.ProviderName.Should().Be("m2m");
        error.Region.Should().Be("eu-west-1");
        error.RequestId.Should().Be("req-c10");
        error.ServiceMessage.Should().Be("Error parsing ClientCredentials response");
        error.Message.Should().Contain("flow M2M").And.Contain("scopes [read, write]").And.Contain("eu-west-1").And.Contain("req-c10")
            .And.Contain("client id, client secret, token endpoint").And.NotContain("WAT-123");
        handler.Calls.Should().Be(1, "a validation error is not retried");
    }

    [TestCase("has space")]
    [TestCase("")]
    [TestCase("pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp")]
    public async Task Invalid_provider_name_sends_nothing(string name)
    {
        var dataPlane = new ScriptedDataPlane();

        var act = () => CreateProvider(dataPlane).GetAccessTokenAsync(
            ContextWithToken(), new AccessTokenRequest { ProviderName = name, Flow = OAuth2Flow.M2M });

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("request");
        dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Missing_flow_sends_nothing()
    {
        var dataPlane = new ScriptedDataPlane();

        var act = () => CreateProvider(dataPlane).GetAccessTokenAsync(
            ContextWithToken(), new AccessTokenRequest { ProviderName = "m2m", Flow = null! });

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("Flow");
        dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Missing_workload_token_sends_nothing()
    {
        var dataPlane = new ScriptedDataPlane();

        var act = () => CreateProvider(dataPlane).GetAccessTokenAsync(
            new AgentCoreRequestContext(), new AccessTokenRequest { ProviderName = "m2m", Flow = OAuth2Flow.M2M });

        var error = (await act.Should().ThrowAsync<MissingWorkloadAccessTokenException>()).Which;
        error.Operation.Should().Be("GetResourceOauth2Token");
        error.ProviderName.Should().Be("m2m");
        dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Empty_token_response_is_error()
    {
        var dataPlane = new ScriptedDataPlane().Respond("{\"accessToken\":\"\"}");

        var act = () => CreateProvider(dataPlane).GetAccessTokenAsync(
            ContextWithToken(), new AccessTokenRequest { ProviderName = "m2m", Flow = OAuth2Flow.M2M });

        (await act.Should().ThrowAsync<UnexpectedIdentityResponseException>()).Which.Code.Should().Be(AgentCoreIdentityErrorCodes.UnexpectedResponse);
    }

    [Test]
    public void Result_ToString_hides_token()
    {
        var result = new AccessTokenResult("secret-access-token", "google", OAuth2Flow.UserFederation, "urn:ietf:params:oauth:request_uri:s");

        result.ToString().Should().NotContain("secret-access-token").And.Contain("google").And.Contain("USER_FEDERATION");
    }

    [Test]
    public void Result_rejects_empty_token()
    {
        var act = () => new AccessTokenResult("", "google", OAuth2Flow.M2M);

        act.Should().Throw<ArgumentException>();
    }

    private static List<KeyValuePair<string, string>> Members(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().Select(member => KeyValuePair.Create(member.Name, member.Value.GetRawText())).ToList();

    private sealed class StubHandler(HttpStatusCode status, string errorType, string requestId, string body) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
            return Task.FromResult(response);
        }
    }
}
