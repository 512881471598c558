using System.Net;
using System.Text;
using AgentCoreIdentity.DataPlane;
using AgentCoreIdentity.Tests.Fixtures;

namespace AgentCoreIdentity.Tests;

public class ServiceErrorClassificationTests
{
    private static ServiceErrorResponse Parse(int status, IEnumerable<KeyValuePair<string, string>> headers, string body)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return ServiceErrorResponse.Parse(response.StatusCode, response.Headers, Encoding.UTF8.GetBytes(body));
    }

    private static IEnumerable<TestCaseData> FixtureErrors() =>
        WireFixtures.ErrorResponses.Select(error => new TestCaseData(
                error.GetProperty("status").GetInt32(),
                error.GetProperty("headers").EnumerateObject().Select(h => new KeyValuePair<string, string>(h.Name, h.Value.GetString()!)).ToArray(),
                error.GetProperty("body").GetString()!,
                error.GetProperty("officialClient").GetProperty("errorCode").GetString()!,
                error.GetProperty("officialClient").GetProperty("requestId").GetString()!)
            .SetName($"Fixture error {error.GetProperty("officialClient").GetProperty("errorCode").GetString()} is classified"));

    [TestCaseSource(nameof(FixtureErrors))]
    public void Error_code_and_request_id_match_official_client(int status, KeyValuePair<string, string>[] headers, string body, string code, string requestId)
    {
        var error = Parse(status, headers, body);

        error.ErrorCode.Should().Be(code);
        error.RequestId.Should().Be(requestId);
        error.IsJson.Should().BeTrue();
    }

    [Test]
    public void Validation_fixture_keeps_reason_and_fields()
    {
        var fixture = WireFixtures.ErrorResponses.Single(e => e.GetProperty("status").GetInt32() == 400);
        var error = Parse(400, [new("x-amzn-RequestId", "req-2")], fixture.GetProperty("body").GetString()!);

        error.Reason.Should().Be("FieldValidationFailed");
        error.FieldList.Should().Equal(new ValidationExceptionField("resourceCredentialProviderName", "must match pattern"));
    }

    [TestCase("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/", "{}", "ValidationException")]
    [TestCase(null, "{\"__type\":\"com.amazonaws.x#ThrottlingException:http://x\"}", "ThrottlingException")]
    [TestCase(null, "{\"code\":\"InternalServerException\"}", "InternalServerException")]
    [TestCase(null, "{\"Code\":\"AccessDeniedException\"}", "AccessDeniedException")]
    [TestCase(null, "", "ServiceUnavailable")]
    public void Error_code_sources_follow_sdk_order(string? typeHeader, string body, string expected)
    {
        var headers = typeHeader is null ? [] : new[] { new KeyValuePair<string, string>("x-amzn-ErrorType", typeHeader) };

        Parse(503, headers, body).ErrorCode.Should().Be(expected);
    }

    [Test]
    public void Header_code_wins_over_body_type()
    {
        var error = Parse(400, [new("x-amzn-ErrorType", "ValidationException")], "{\"__type\":\"a#Other\"}");

        error.ErrorCode.Should().Be("ValidationException");
    }

    [Test]
    public void Html_body_is_not_json()
    {
        var error = Parse(502, [], "<html><body>Bad Gateway</body></html>");

        error.IsJson.Should().BeFalse();
        error.ErrorCode.Should().Be("BadGateway");
    }

    [TestCase(429, "ThrottlingException", true)]
    [TestCase(500, "InternalServerException", true)]
    [TestCase(502, "BadGateway", true)]
    [TestCase(503, "ServiceUnavailable", true)]
    [TestCase(504, "GatewayTimeout", true)]
    [TestCase(400, "ValidationException", false)]
    [TestCase(403, "AccessDeniedException", false)]
    [TestCase(404, "ResourceNotFoundException", false)]
    public void Transient_errors_are_throttling_and_5xx(int status, string code, bool transient)
    {
        var error = Parse(status, [new("x-amzn-ErrorType", code)], "{}");

        IdentityErrorFactory.IsTransient(error).Should().Be(transient);
    }
}
