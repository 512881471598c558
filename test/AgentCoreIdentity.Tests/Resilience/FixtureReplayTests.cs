using System.Net;
using System.Text;
using AgentCoreIdentity.DataPlane;
using AgentCoreIdentity.Diagnostics;
using AgentCoreIdentity.Resilience;
using AgentCoreIdentity.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentCoreIdentity.Tests.Resilience;

/// <summary>
/// Replays each error response that the official AWS SDK for JavaScript classified through the SDK's whole client
/// stack (retry handler, attempt handler, error mapping), and checks the error code, request id and number of
/// attempts against that client's.
/// </summary>
public class FixtureReplayTests
{
    private static IEnumerable<TestCaseData> FixtureErrors() =>
        WireFixtures.ErrorResponses.Select(error => new TestCaseData(error.GetRawText())
            .SetName($"Fixture {error.GetProperty("officialClient").GetProperty("errorCode").GetString()} matches official client"));

    [TestCaseSource(nameof(FixtureErrors))]
    public async Task Fixture_error_matches_official_client(string fixtureJson)
    {
        using var fixture = System.Text.Json.JsonDocument.Parse(fixtureJson);
        var root = fixture.RootElement;
        var official = root.GetProperty("officialClient");
        var stub = new StubHttpHandler(_ => FixtureResponse(root));
        var dataPlane = CreateDataPlane(stub);

        var act = () => dataPlane.GetResourceApiKeyAsync(new GetResourceApiKeyRequest("WAT-123", "github-api-key"), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<IdentityServiceException>()).Which;
        error.ServiceErrorCode.Should().Be(official.GetProperty("errorCode").GetString());
        error.RequestId.Should().Be(official.GetProperty("requestId").GetString());
        error.Attempts.Should().Be(official.GetProperty("attempts").GetInt32());
        stub.Calls.Should().Be(official.GetProperty("attempts").GetInt32());
        error.StatusCode.Should().Be(root.GetProperty("status").GetInt32());
        if (official.TryGetProperty("reason", out var reason))
        {
            error.Should().BeOfType<IdentityValidationException>().Which.Reason.Should().Be(reason.GetString());
        }
    }

    [Test]
    public async Task Throttling_then_success_returns_key()
    {
        var stub = new StubHttpHandler(call => call < 3
            ? new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{\"message\":\"Rate exceeded\"}") }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"apiKey\":\"stored-key\"}", Encoding.UTF8, "application/json") });
        var dataPlane = CreateDataPlane(stub);

        var key = await dataPlane.GetResourceApiKeyAsync(new GetResourceApiKeyRequest("WAT-123", "github-api-key"), CancellationToken.None);

        key.Should().Be("stored-key");
        stub.Calls.Should().Be(3);
    }

    private static HttpResponseMessage FixtureResponse(System.Text.Json.JsonElement fixture)
    {
        var response = new HttpResponseMessage((HttpStatusCode)fixture.GetProperty("status").GetInt32())
        {
            Content = new StringContent(fixture.GetProperty("body").GetString()!, Encoding.UTF8, "application/json"),
        };
        foreach (var header in fixture.GetProperty("headers").EnumerateObject())
        {
            response.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
        }

        return response;
    }

    private static HttpIdentityDataPlane CreateDataPlane(HttpMessageHandler stub)
    {
        var retry = new AgentCoreIdentityRetryOptions { BaseDelay = TimeSpan.Zero };
        var client = new HttpClient(new IdentityRetryHandler(
            new IdentityRetryPolicy(retry, TimeProvider.System, Random.Shared.NextDouble, NullLogger.Instance),
            TimeProvider.System,
            new IdentityAttemptHandler(retry.AttemptTimeout, TimeProvider.System, stub)));
        var endpoint = new IdentityEndpointResolver(
            new AgentCoreIdentityOptions { Region = "us-east-1" },
            _ => null,
            () => null);
        return new HttpIdentityDataPlane(() => client, endpoint, new IdentityTelemetry(null, null, TimeProvider.System));
    }
}
