using System.Net;
using System.Text;
using AgentCoreIdentity.DataPlane;

namespace AgentCoreIdentity.Tests;

public class IdentityErrorMessageTests
{
    private const string Token = "WAT-secret-123";

    private static IdentityServiceException Create(int status, string? code, string body, string? mediaType = "application/json", int attempts = 1, TimeSpan? retryAfter = null)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-7");
        if (code is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", code);
        }

        var error = ServiceErrorResponse.Parse(response.StatusCode, response.Headers, Encoding.UTF8.GetBytes(body), mediaType);
        return IdentityErrorFactory.Create(new GetResourceApiKeyRequest(Token, "github"), "us-east-1", error, attempts, retryAfter);
    }

    [Test]
    public void Status_429_without_code_is_throttled()
    {
        var error = Create(429, null, "{\"message\":\"slow down\"}", attempts: 3);

        error.Should().BeOfType<IdentityThrottledException>();
        error.ServiceErrorCode.Should().Be("TooManyRequests");
        error.Attempts.Should().Be(3);
        error.Message.Should().Contain("after 3 attempts").And.Contain("req-7");
    }

    [Test]
    public void Throttled_error_reports_retry_after()
    {
        var error = Create(429, "ThrottlingException", "{\"message\":\"Rate exceeded\"}", retryAfter: TimeSpan.FromSeconds(90));

        error.RetryAfter.Should().Be(TimeSpan.FromSeconds(90));
        error.Message.Should().Contain("asked to wait 90 s").And.Contain("after 1 attempt (");
    }

    [Test]
    public void Html_gateway_error_is_unavailable_without_page_text()
    {
        var error = Create(502, null, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", attempts: 3);

        error.Should().BeOfType<IdentityServiceUnavailableException>();
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.ServiceUnavailable);
        error.Message.Should().Contain("an HTML or XML page (text/html").And.Contain("after 3 attempts");
        error.Message.Should().NotContain("<h1>");
        error.StatusCode.Should().Be(502);
        error.RequestId.Should().Be("req-7");
    }

    [TestCase("", "an empty body")]
    [TestCase("{\"message\":", "malformed JSON")]
    [TestCase("[1,2]", "JSON that is not an object")]
    public void Non_json_client_error_is_unexpected_response(string body, string described)
    {
        var error = Create(403, null, body);

        error.Should().BeOfType<UnexpectedIdentityResponseException>();
        error.Message.Should().Contain(described).And.Contain("HTTP 403");
    }

    [Test]
    public void Service_message_with_token_is_scrubbed_for_5xx()
    {
        var error = Create(500, "InternalServerException", $"{{\"message\":\"failed for {Token}\"}}", attempts: 3);

        error.Message.Should().NotContain(Token).And.Contain("failed for ***");
        error.ServiceMessage.Should().Be("failed for ***");
    }
}
