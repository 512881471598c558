using System.Net;
using System.Net.Sockets;
using System.Text;
using AgentCoreIdentity.Resilience;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentCoreIdentity.Tests.Resilience;

public class IdentityRetryPolicyTests
{
    private static IdentityRetryPolicy Policy(double random = 1.0, TimeProvider? time = null) =>
        new(
            new AgentCoreIdentityRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(20) },
            time ?? TimeProvider.System,
            () => random,
            NullLogger.Instance);

    private static HttpResponseMessage Response(int status, string? errorType = null, string body = "{}", string? retryAfter = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-1");
        if (errorType is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        }

        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }

    [TestCase(0, 1)]
    [TestCase(1, 2)]
    [TestCase(2, 4)]
    [TestCase(4, 16)]
    [TestCase(5, 20)]
    [TestCase(40, 20)]
    public void Backoff_ceiling_doubles_up_to_max(int retryIndex, int expectedSeconds)
    {
        Policy(random: 1.0).GetBackoff(retryIndex).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Test]
    public void Backoff_is_full_jitter()
    {
        Policy(random: 0.0).GetBackoff(3).Should().Be(TimeSpan.Zero);
        Policy(random: 0.25).GetBackoff(3).Should().Be(TimeSpan.FromSeconds(2));
    }

    [TestCase(429, "ThrottlingException", true)]
    [TestCase(429, null, true)]
    [TestCase(400, "ThrottlingException", true)]
    [TestCase(400, "TooManyRequestsException", true)]
    [TestCase(500, "InternalServerException", true)]
    [TestCase(502, null, true)]
    [TestCase(503, null, true)]
    [TestCase(504, null, true)]
    [TestCase(408, "RequestTimeoutException", true)]
    [TestCase(400, "ValidationException", false)]
    [TestCase(401, "UnauthorizedException", false)]
    [TestCase(403, "AccessDeniedException", false)]
    [TestCase(404, "ResourceNotFoundException", false)]
    [TestCase(409, "ConflictException", false)]
    [TestCase(501, null, false)]
    [TestCase(200, null, false)]
    public async Task Response_is_retried_only_when_transient(int status, string? errorType, bool transient)
    {
        using var response = Response(status, errorType);

        var failure = await Policy().ClassifyAsync(response);

        failure.IsTransient.Should().Be(transient);
    }

    [Test]
    public async Task Failure_names_status_code_and_request_id()
    {
        using var response = Response(429, "ThrottlingException:http://internal");

        var failure = await Policy().ClassifyAsync(response);

        failure.Description.Should().Be("HTTP 429 ThrottlingException");
        failure.RequestId.Should().Be("req-1");
    }

    [Test]
    public void Transport_failure_and_attempt_timeout_are_retried()
    {
        var transport = Policy().Classify(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        var timeout = Policy().Classify(new AttemptTimeoutException("timed out", TimeSpan.FromSeconds(10), new OperationCanceledException()));

        transport.IsTransient.Should().BeTrue();
        transport.Description.Should().Contain("ConnectionError");
        timeout.IsTransient.Should().BeTrue();
    }

    [Test]
    public void Unknown_transport_failure_names_socket_error()
    {
        var reset = new HttpRequestException(
            "Error while copying content to a stream.",
            new IOException("Unable to read data from the transport connection.", new SocketException((int)SocketError.ConnectionReset)));

        var described = Policy().Classify(reset).Description;
        var bare = Policy().Classify(new HttpRequestException("failed")).Description;

        described.Should().Be("a transport failure (ConnectionReset)");
        bare.Should().Be("a transport failure");
    }

    [Test]
    public void Cancellation_and_credential_errors_are_not_retried()
    {
        var cancelled = Policy().Classify(new OperationCanceledException());
        var credentials = Policy().Classify(
            new AgentCoreIdentityException(AgentCoreIdentityErrorCodes.Configuration, "No AWS credentials"));

        cancelled.IsTransient.Should().BeFalse();
        credentials.IsTransient.Should().BeFalse();
    }

    [Test]
    public async Task Retry_after_seconds_is_read()
    {
        using var response = Response(503, retryAfter: "12");

        var failure = await Policy().ClassifyAsync(response);

        failure.RetryAfter.Should().Be(TimeSpan.FromSeconds(12));
    }

    [Test]
    public async Task Retry_after_date_is_relative_to_clock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var response = Response(429, "ThrottlingException", retryAfter: "Fri, 02 Jan 2026 03:04:35 GMT");

        var failure = await Policy(time: time).ClassifyAsync(response);

        failure.RetryAfter.Should().Be(TimeSpan.FromSeconds(30));
    }
}
