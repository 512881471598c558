using System.Net;
using System.Text;
using System.Text.Json;
using AgentCoreIdentity.DataPlane;
using AgentCoreIdentity.Tests.Fixtures;

namespace AgentCoreIdentity.Tests;

public class IdentityErrorFactoryTests
{
    private const string Token = "WAT-secret-123";

    private static IdentityServiceException Create(IdentityRequest request, int status, string? code, string body, string region = "us-east-1")
    {
        var headers = new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-9" };
        if (code is not null)
        {
            headers["x-amzn-ErrorType"] = code;
        }

        return Create(request, status, headers, body, region);
    }

    private static IdentityServiceException Create(IdentityRequest request, int status, IReadOnlyDictionary<string, string> headers, string body, string region)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        var error = ServiceErrorResponse.Parse(response.StatusCode, response.Headers, Encoding.UTF8.GetBytes(body));
        return IdentityErrorFactory.Create(request, region, error, attempts: 1);
    }

    [Test]
    public void Secrets_manager_denial_names_the_grant()
    {
        var fixture = WireFixtures.ErrorResponses.Single(e => e.GetProperty("status").GetInt32() == 403);

        var headers = fixture.GetProperty("headers").EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString()!);

        var exception = Create(new GetResourceApiKeyRequest(Token, "github"), 403, headers, fixture.GetProperty("body").GetString()!, "us-east-1");

        var denied = exception.Should().BeOfType<IdentityAccessDeniedException>().Which;
        denied.DeniedAction.Should().Be("secretsmanager:GetSecretValue");
        denied.DeniedResource.Should().Be("arn:aws:secretsmanager:us-east-1:111122223333:secret:bedrock-agentcore-identity!default/apikey/github-abc123");
        denied.Principal.Should().Be("arn:aws:sts::111122223333:assumed-role/AgentRuntimeRole/session");
        denied.RequiredPolicyStatement.Should().Be(
            "{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"arn:aws:secretsmanager:us-east-1:111122223333:secret:bedrock-agentcore-identity!*\"}");
        JsonDocument.Parse(denied.RequiredPolicyStatement!).RootElement.GetProperty("Effect").GetString().Should().Be("Allow");
        denied.Message.Should().Contain(denied.RequiredPolicyStatement!).And.Contain("caller's own IAM permissions").And.Contain("req-1");
        denied.Message.Should().Contain("runtime execution role");
        denied.ServiceMessage.Should().Be(fixture.GetProperty("body").GetString()![12..^2]);
        denied.Code.Should().Be(AgentCoreIdentityErrorCodes.AccessDenied);
        denied.Operation.Should().Be("GetResourceApiKey");
        denied.ProviderName.Should().Be("github");
        denied.StatusCode.Should().Be(403);
        denied.ServiceErrorCode.Should().Be("AccessDeniedException");
        denied.RequestId.Should().Be("req-1");
    }

    [Test]
    public void Denial_without_resource_uses_client_region()
    {
        var body = "{\"message\":\"The requested operation could not be completed. You are not authorized to perform: secretsmanager:GetSecretValue\"}";

        var denied = (IdentityAccessDeniedException)Create(new GetResourceApiKeyRequest(Token, "github"), 403, "AccessDeniedException", body, "eu-west-1");

        denied.DeniedAction.Should().Be("secretsmanager:GetSecretValue");
        denied.DeniedResource.Should().BeNull();
        denied.RequiredPolicyStatement.Should().Contain("arn:aws:secretsmanager:eu-west-1:<ACCOUNT_ID>:secret:bedrock-agentcore-identity!*");
    }

    [Test]
    public void Other_denied_action_is_parsed_without_statement()
    {
        var body = "{\"message\":\"User: arn:aws:sts::1:assumed-role/R/s is not authorized to perform: bedrock-agentcore:GetResourceApiKey on resource: arn:aws:bedrock-agentcore:us-east-1:1:token-vault/default\"}";

        var denied = (IdentityAccessDeniedException)Create(new GetResourceApiKeyRequest(Token, "github"), 403, "AccessDeniedException", body);

        denied.DeniedAction.Should().Be("bedrock-agentcore:GetResourceApiKey");
        denied.DeniedResource.Should().Be("arn:aws:bedrock-agentcore:us-east-1:1:token-vault/default");
        denied.RequiredPolicyStatement.Should().BeNull();
        denied.Message.Should().Contain("Grant that action");
    }

    [Test]
    public void Not_found_names_provider_and_region()
    {
        var exception = Create(new GetResourceApiKeyRequest(Token, "github"), 404, "ResourceNotFoundException", "{\"message\":\"Resource Credential Provider not found\"}", "eu-central-1");

        exception.Should().BeOfType<IdentityResourceNotFoundException>();
        exception.Message.Should().Contain("'github'").And.Contain("eu-central-1").And.Contain("Resource Credential Provider not found");
        exception.Region.Should().Be("eu-central-1");
    }

    [Test]
    public void Missing_api_key_provider_names_listing()
    {
        var exception = Create(new GetResourceApiKeyRequest(Token, "github"), 404, "ResourceNotFoundException", "{\"message\":\"Resource Credential Provider not found\"}", "eu-central-1");

        exception.Message.Should().Contain("No API-key credential provider named 'github' exists in region eu-central-1 for this account.");
        exception.Message.Should().Contain("The control-plane operation ListApiKeyCredentialProviders lists the API-key credential providers of a region");
        exception.Message.Should().Contain("run 'aws bedrock-agentcore-control list-api-key-credential-providers --region eu-central-1'.");
        exception.Message.Should().NotContain("Oauth2").And.NotContain("List...");
    }

    [Test]
    public void Missing_oauth2_provider_names_listing()
    {
        var request = new GetResourceOauth2TokenRequest
        {
            WorkloadIdentityToken = Token,
            ResourceCredentialProviderName = "google-calendar",
            Scopes = ["calendar.read"],
            Oauth2Flow = "M2M",
        };

        var exception = Create(request, 404, "ResourceNotFoundException", "{\"message\":\"Resource Credential Provider not found\"}", "ap-southeast-2");

        exception.Should().BeOfType<IdentityResourceNotFoundException>();
        exception.Message.Should().Contain("No OAuth2 credential provider named 'google-calendar' exists in region ap-southeast-2 for this account.");
        exception.Message.Should().Contain("The control-plane operation ListOauth2CredentialProviders lists the OAuth2 credential providers of a region");
        exception.Message.Should().Contain("run 'aws bedrock-agentcore-control list-oauth2-credential-providers --region ap-southeast-2'.");
        exception.Message.Should().NotContain("ApiKey").And.NotContain(Token);
    }

    [Test]
    public void Missing_workload_identity_names_no_listing()
    {
        var exception = Create(new GetWorkloadAccessTokenRequest("my-agent", null, "user-1"), 404, "ResourceNotFoundException", "{\"message\":\"Workload identity not found\"}");

        exception.Message.Should().Contain("No workload identity named 'my-agent' exists in region us-east-1");
        exception.Message.Should().NotContain("CredentialProviders").And.NotContain("bedrock-agentcore-control");
    }

    [Test]
    public void Echoed_secret_is_scrubbed_from_messages()
    {
        var body = $"{{\"message\":\"token {Token} is not valid\",\"reason\":\"FieldValidationFailed\",\"fieldList\":[{{\"name\":\"workloadIdentityToken\",\"message\":\"{Token} is bad\"}}]}}";

        var exception = (IdentityValidationException)Create(new GetResourceApiKeyRequest(Token, "github"), 400, "ValidationException", body);

        exception.Message.Should().NotContain(Token);
        exception.ServiceMessage.Should().Be("token *** is not valid");
        exception.FieldList.Single().Message.Should().Be("*** is bad");
        exception.Reason.Should().Be("FieldValidationFailed");
    }

    [TestCase(429, "ThrottlingException", typeof(IdentityThrottledException))]
    [TestCase(500, "InternalServerException", typeof(IdentityServiceUnavailableException))]
    [TestCase(401, "UnauthorizedException", typeof(IdentityUnauthorizedException))]
    [TestCase(403, "InvalidSignatureException", typeof(RequestSignatureRejectedException))]
    [TestCase(403, "UnrecognizedClientException", typeof(RequestSignatureRejectedException))]
    [TestCase(409, "ConflictException", typeof(IdentityServiceException))]
    public void Error_codes_map_to_types(int status, string code, Type expected)
    {
        var exception = Create(new GetResourceApiKeyRequest(Token, "github"), status, code, "{\"message\":\"m\"}");

        exception.Should().BeOfType(expected);
        exception.Message.Should().NotContain(Token);
    }

    [Test]
    public void Html_error_body_is_unexpected_response()
    {
        var exception = Create(new GetResourceApiKeyRequest(Token, "github"), 403, null, "<html>Forbidden</html>");

        exception.Should().BeOfType<UnexpectedIdentityResponseException>();
        exception.Code.Should().Be(AgentCoreIdentityErrorCodes.UnexpectedResponse);
    }

    [Test]
    public void Invalid_session_explains_identifier()
    {
        const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTIifQ.c2lnLTI";
        var request = new CompleteResourceTokenAuthRequest("urn:ietf:params:oauth:request_uri:abc", UserId: null, Jwt);

        var exception = Create(request, 403, "AccessDeniedException", "{\"message\":\"Invalid or expired session\"}");

        var invalid = exception.Should().BeOfType<InvalidOAuth2SessionException>().Which;
        invalid.Code.Should().Be(AgentCoreIdentityErrorCodes.InvalidOAuth2Session);
        invalid.SessionUri.Should().Be("urn:ietf:params:oauth:request_uri:abc");
        invalid.UserIdentifierMember.Should().Be("userToken");
        invalid.StatusCode.Should().Be(403);
        invalid.RequestId.Should().Be("req-9");
        invalid.Operation.Should().Be("CompleteResourceTokenAuth");
        invalid.ServiceMessage.Should().Be("Invalid or expired session");
        invalid.Message.Should().Contain("very one behind the workload access token that started the flow")
            .And.Contain("urn:ietf:params:oauth:request_uri:abc").And.Contain("Invalid or expired session").And.NotContain(Jwt);
    }

    [Test]
    public void Iam_denial_of_binding_stays_access_denied()
    {
        var request = new CompleteResourceTokenAuthRequest("urn:ietf:params:oauth:request_uri:abc", "user-1", UserToken: null);
        var body = "{\"message\":\"User: arn:aws:sts::1:assumed-role/R/s is not authorized to perform: bedrock-agentcore:CompleteResourceTokenAuth on resource: arn:aws:bedrock-agentcore:us-east-1:1:token-vault/default\"}";

        var exception = Create(request, 403, "AccessDeniedException", body);

        exception.Should().BeOfType<IdentityAccessDeniedException>().Which.DeniedAction.Should().Be("bedrock-agentcore:CompleteResourceTokenAuth");
    }
}
