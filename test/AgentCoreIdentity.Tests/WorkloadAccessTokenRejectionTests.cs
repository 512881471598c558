using System.Net;
using System.Text;
using AgentCoreIdentity.DataPlane;

namespace AgentCoreIdentity.Tests;

public class WorkloadAccessTokenRejectionTests : SecretScanningTest
{
    private const string Token = "wat-rejected-7d2c9e4b1a";
    private const string EmulatorMessage = "The workload access token is invalid or has expired.";
    private const string SecretsManagerDenial =
        "User: arn:aws:sts::111122223333:assumed-role/AgentRuntimeRole/session is not authorized to perform: "
        + "secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:111122223333:secret:bedrock-agentcore-identity!default/apikey/github-abc123";

    [SetUp]
    public void RegisterToken() => Scan.Register(Token, "workload access token");

    private IdentityServiceException Create(IdentityRequest request, int status, string code, string message)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-wat");
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", code);
        var body = Encoding.UTF8.GetBytes($$"""{"message":"{{message}}"}""");

        var exception = IdentityErrorFactory.Create(request, "us-east-1", ServiceErrorResponse.Parse(response.StatusCode, response.Headers, body), attempts: 1);
        Scan.Inspect(exception);
        return exception;
    }

    private static GetResourceApiKeyRequest ApiKeyRequest() => new(Token, "github");

    private static GetResourceOauth2TokenRequest OAuth2Request() => new()
    {
        WorkloadIdentityToken = Token,
        ResourceCredentialProviderName = "inventory-m2m",
        Scopes = ["inventory.read"],
        Oauth2Flow = "M2M",
    };

    private static void ShouldExplainRejectedToken(IdentityServiceException exception)
    {
        exception.IsWorkloadAccessTokenRejected.Should().BeTrue();
        exception.Message.Should().Contain("rejected the workload access token");
        exception.Message.Should().Contain("belongs to one invocation and may have expired");
        exception.Message.Should().Contain("context of the current invocation");
        exception.Message.Should().Contain(nameof(WorkloadAccessTokenClient));
        exception.Message.Should().NotContain("IAM policy").And.NotContain(Token);
    }

    [Test]
    public void Emulator_denial_for_api_key_is_rejected_token()
    {
        var exception = Create(ApiKeyRequest(), 403, "AccessDeniedException", EmulatorMessage);

        var denied = exception.Should().BeOfType<IdentityAccessDeniedException>().Which;
        ShouldExplainRejectedToken(denied);
        denied.Code.Should().Be(AgentCoreIdentityErrorCodes.AccessDenied);
        denied.ServiceMessage.Should().Be(EmulatorMessage);
        denied.Message.Should().EndWith("Service message: " + EmulatorMessage);
        denied.DeniedAction.Should().BeNull();
        denied.RequiredPolicyStatement.Should().BeNull();
        denied.RequestId.Should().Be("req-wat");
    }

    [Test]
    public void Emulator_denial_for_oauth2_token_is_rejected_token()
    {
        var exception = Create(OAuth2Request(), 403, "AccessDeniedException", EmulatorMessage);

        exception.Should().BeOfType<IdentityAccessDeniedException>();
        ShouldExplainRejectedToken(exception);
        exception.Operation.Should().Be("GetResourceOauth2Token");
    }

    [TestCase("The workload access token is invalid or has expired.")]
    [TestCase("WorkloadAccessToken rejected")]
    [TestCase("Value at 'workloadIdentityToken' was not accepted")]
    [TestCase("Token has expired")]
    [TestCase("Expired")]
    [TestCase("Invalid token")]
    [TestCase("The provided token is not valid")]
    public void Denial_about_token_is_rejected_token(string message)
    {
        var exception = Create(ApiKeyRequest(), 403, "AccessDeniedException", message);

        exception.Should().BeOfType<IdentityAccessDeniedException>();
        ShouldExplainRejectedToken(exception);
    }

    [Test]
    public void Denial_quoting_the_token_hides_it()
    {
        var exception = Create(ApiKeyRequest(), 403, "AccessDeniedException", $"Token {Token} is invalid");

        ShouldExplainRejectedToken(exception);
        exception.ServiceMessage.Should().Be("Token *** is invalid");
    }

    [Test]
    public void Iam_denial_keeps_parsed_fields()
    {
        var exception = Create(ApiKeyRequest(), 403, "AccessDeniedException", SecretsManagerDenial);

        var denied = exception.Should().BeOfType<IdentityAccessDeniedException>().Which;
        denied.IsWorkloadAccessTokenRejected.Should().BeFalse();
        denied.DeniedAction.Should().Be("secretsmanager:GetSecretValue");
        denied.Principal.Should().Be("arn:aws:sts::111122223333:assumed-role/AgentRuntimeRole/session");
        denied.RequiredPolicyStatement.Should().Contain("bedrock-agentcore-identity!*");
        denied.Message.Should().NotContain("rejected the workload access token");
    }

    [TestCase("Access denied")]
    [TestCase("The security token included in the request is expired")]
    [TestCase("The session token has expired")]
    public void Other_denial_keeps_iam_hint(string message)
    {
        var exception = Create(ApiKeyRequest(), 403, "AccessDeniedException", message);

        exception.IsWorkloadAccessTokenRejected.Should().BeFalse();
        exception.Message.Should().Contain("Check the IAM policy").And.NotContain("rejected the workload access token");
    }

    [Test]
    public void Unauthorized_about_token_is_rejected_token()
    {
        var exception = Create(OAuth2Request(), 401, "UnauthorizedException", "The workload access token has expired");

        exception.Should().BeOfType<IdentityUnauthorizedException>();
        ShouldExplainRejectedToken(exception);
        exception.Code.Should().Be(AgentCoreIdentityErrorCodes.Unauthorized);
    }

    [Test]
    public void Other_unauthorized_keeps_general_hint()
    {
        var exception = Create(ApiKeyRequest(), 401, "UnauthorizedException", "Unauthorized");

        exception.IsWorkloadAccessTokenRejected.Should().BeFalse();
        exception.Message.Should().Contain("workload access token or user token was rejected");
    }

    [Test]
    public void Request_without_token_is_never_rejected_token()
    {
        const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnLTE";
        Scan.Register(Jwt, "user JWT");

        var minting = Create(new GetWorkloadAccessTokenRequest("my-agent", Jwt, UserId: null), 401, "UnauthorizedException", "Token has expired");
        var binding = Create(new CompleteResourceTokenAuthRequest("urn:ietf:params:oauth:request_uri:abc", null, Jwt), 403, "AccessDeniedException", "Invalid or expired session");

        minting.IsWorkloadAccessTokenRejected.Should().BeFalse();
        binding.Should().BeOfType<InvalidOAuth2SessionException>();
        binding.IsWorkloadAccessTokenRejected.Should().BeFalse();
    }

    [Test]
    public void Rejected_token_is_not_retried()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "AccessDeniedException");

        var error = ServiceErrorResponse.Parse(response.StatusCode, response.Headers, Encoding.UTF8.GetBytes($$"""{"message":"{{EmulatorMessage}}"}"""));

        IdentityErrorFactory.IsTransient(error).Should().BeFalse();
    }
}
