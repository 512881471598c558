using System.Text;
using AgentCoreIdentity.DataPlane;
using AgentCoreIdentity.Tests.Fixtures;

namespace AgentCoreIdentity.Tests;

public class WireFormatTests
{
    private static string Serialize(IdentityRequest request) => Encoding.UTF8.GetString(JsonWriting.Serialize(request));

    [Test]
    public void GetResourceApiKey_body_matches_official_sdk()
    {
        var body = Serialize(new GetResourceApiKeyRequest("WAT-123", "github-api-key"));

        body.Should().Be(WireFixtures.RequestBody("GetResourceApiKey"));
    }

    [Test]
    public void User_federation_body_matches_official_sdk()
    {
        var body = Serialize(new GetResourceOauth2TokenRequest
        {
            WorkloadIdentityToken = "WAT-123",
            ResourceCredentialProviderName = "google",
            Scopes = ["openid", "email"],
            Oauth2Flow = "USER_FEDERATION",
            SessionUri = "urn:ietf:params:oauth:request_uri:abc",
            ResourceOauth2ReturnUrl = "https://app.example.com/callback",
            ForceAuthentication = true,
            CustomParameters = new Dictionary<string, string> { ["access_type"] = "offline" },
            CustomState = "state-1",
        });

        body.Should().Be(WireFixtures.RequestBody("GetResourceOauth2Token (USER_FEDERATION, every optional member set)"));
    }

    [Test]
    public void M2m_body_matches_official_sdk()
    {
        var body = Serialize(new GetResourceOauth2TokenRequest
        {
            WorkloadIdentityToken = "WAT-123",
            ResourceCredentialProviderName = "m2m",
            Scopes = ["read"],
            Oauth2Flow = "M2M",
        });

        body.Should().Be(WireFixtures.RequestBody("GetResourceOauth2Token (M2M)"));
    }

    [TestCase(null, null, "GetWorkloadAccessToken")]
    [TestCase("eyJ.jwt.sig", null, "GetWorkloadAccessTokenForJWT")]
    [TestCase(null, "user-42", "GetWorkloadAccessTokenForUserId")]
    public void Workload_token_bodies_match_official_sdk(string? userToken, string? userId, string operation)
    {
        var request = new GetWorkloadAccessTokenRequest("my-agent", userToken, userId);

        request.Operation.Name.Should().Be(operation);
        Serialize(request).Should().Be(WireFixtures.RequestBody(operation));
        request.Operation.Path.Should().Be(WireFixtures.Request(operation).GetProperty("path").GetString());
    }

    [Test]
    public void CompleteResourceTokenAuth_body_matches_official_sdk()
    {
        var body = Serialize(new CompleteResourceTokenAuthRequest("urn:ietf:params:oauth:request_uri:abc", "user-42", UserToken: null));

        body.Should().Be(WireFixtures.RequestBody("CompleteResourceTokenAuth"));
    }

    [Test]
    public void Every_operation_path_matches_official_sdk()
    {
        IdentityOperation.GetResourceApiKey.Path.Should().Be(WireFixtures.Request("GetResourceApiKey").GetProperty("path").GetString());
        IdentityOperation.GetResourceOauth2Token.Path.Should().Be(WireFixtures.Request("GetResourceOauth2Token (M2M)").GetProperty("path").GetString());
        IdentityOperation.CompleteResourceTokenAuth.Path.Should().Be(WireFixtures.Request("CompleteResourceTokenAuth").GetProperty("path").GetString());
    }

    [Test]
    public void Json_escaping_matches_javascript()
    {
        var body = Serialize(new GetResourceApiKeyRequest("a+b&c<d>'é\"\n", "p"));

        body.Should().Be("{\"workloadIdentityToken\":\"a+b&c<d>'é\\\"\\n\",\"resourceCredentialProviderName\":\"p\"}");
    }
}
