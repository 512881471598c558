using System.Net;
using System.Net.Http.Json;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// Which inbound headers reach agent code, and that the token and the Authorization value reach no printed text:
/// not the context's ToString, not a log line at any level, not an error message.
/// </summary>
public class HandlerHeaderVisibilityTests : SecretScanningTest
{
    private const string UserJwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXNlY3JldA";
    private const string SessionId = "8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001";

    private EmulatorEnvironment _environment = null!;
    private MinimalApiAgent _agent = null!;

    [SetUp]
    public async Task StartServers()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        Scan.Register(UserJwt, "user JWT");
        _agent = await MinimalApiAgent.StartAsync(useExceptionHandler: true, _environment, Scan);
    }

    [TearDown]
    public async Task StopServers()
    {
        await _agent.DisposeAsync();
        await _environment.DisposeAsync();
    }

    /// <summary>The request of the case: a user JWT, a custom header, caller headers, restricted headers and the token.</summary>
    private static HttpRequestMessage Invocation(string token, string? identityToken = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "invocations") { Content = JsonContent.Create(new { prompt = "hi" }) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + UserJwt);
        request.Headers.TryAddWithoutValidation("X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant", "t1");
        request.Headers.TryAddWithoutValidation("X-Api-Key", "k");
        request.Headers.TryAddWithoutValidation("X-Custom-Signature", "s");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260101T000000Z");
        request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", "Root=1-x");
        request.Headers.TryAddWithoutValidation("Cookie", "a=b");
        request.Headers.Host = "localhost:8080";
        request.Headers.TryAddWithoutValidation("User-Agent", "test");
        request.Headers.TryAddWithoutValidation("WorkloadAccessToken", token);
        request.Headers.TryAddWithoutValidation(AgentCoreHeaderNames.SessionId, SessionId);
        if (identityToken is not null)
        {
            request.Headers.TryAddWithoutValidation(AgentCoreHeaderNames.IdentityWorkloadAccessToken, identityToken);
        }

        return request;
    }

    private void ShouldLogNoSecret(params string[] secrets)
    {
        _agent.Logs.Lines.Should().NotBeEmpty("the capture must see the app's log records");
        foreach (var line in _agent.Logs.Lines)
        {
            foreach (var secret in secrets)
            {
                line.Should().NotContain(secret);
            }
        }
    }

    [Test]
    public async Task Handler_sees_only_forwardable_headers()
    {
        var token = _environment.IssueToken();

        using var response = await _agent.Client.SendAsync(Invocation(token));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var view = (await response.Content.ReadFromJsonAsync<MinimalApiAgent.ContextView>())!;
        view.ForwardedHeaderNames.Should().BeEquivalentTo(
            ["Authorization", "X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant", "X-Api-Key", "X-Custom-Signature"],
            options => options.Using<string>(names => names.Subject.Should().BeEquivalentTo(names.Expectation, because: "names match in any letter case"))
                .WhenTypeIs<string>());
        view.ForwardedHeaderNames.Should().HaveCount(4);
        view.CustomSignature.Should().Be("s");
        view.Tenant.Should().Be("t1");
        view.TokenHeader.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken);
        view.SessionId.Should().Be(SessionId);
        view.ApiKeyLength.Should().Be(_environment.ApiKey.Length);
        _environment.Emulator.ReceivedRequests.Should().ContainSingle().Which.WorkloadAccessToken.Should().Be(token);
    }

    [Test]
    public async Task Token_and_authorization_are_never_printed()
    {
        var token = _environment.IssueToken();

        using var response = await _agent.Client.SendAsync(Invocation(token));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var view = (await response.Content.ReadFromJsonAsync<MinimalApiAgent.ContextView>())!;
        view.Printed.Should().NotContain(token).And.NotContain(UserJwt);
        view.Printed.Should().Contain("WorkloadAccessToken = ***").And.Contain("UserToken = ***");
        _agent.Logs.Lines.Should().Contain(line => line.Contains("Invocation", StringComparison.Ordinal) && line.Contains("WorkloadAccessToken = ***", StringComparison.Ordinal));
        ShouldLogNoSecret(token, UserJwt);
    }

    [Test]
    public async Task Rejected_request_prints_no_secret()
    {
        var token = _environment.IssueToken();
        var otherToken = _environment.IssueToken("user-2");

        using var response = await _agent.Client.SendAsync(Invocation(token, identityToken: otherToken));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain(AgentCoreHeaderNames.WorkloadAccessToken).And.Contain(AgentCoreHeaderNames.IdentityWorkloadAccessToken);
        body.Should().NotContain(token).And.NotContain(otherToken).And.NotContain(UserJwt);
        _agent.Logs.Lines.Should().Contain(line => line.Contains("Rejected request", StringComparison.Ordinal)
            && line.Contains(nameof(ConflictingRequestHeadersException), StringComparison.Ordinal));
        ShouldLogNoSecret(token, otherToken, UserJwt);
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [Test]
    public void Unit_context_holds_exactly_four_forwarded_headers()
    {
        var context = AgentCoreRequestContext.FromHeaders(
        [
            new("Authorization", "Bearer " + UserJwt), new("X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant", "t1"),
            new("X-Api-Key", "k"), new("X-Custom-Signature", "s"), new("X-Amz-Date", "20260101T000000Z"),
            new("X-Amzn-Trace-Id", "Root=1-x"), new("Cookie", "a=b"), new("Host", "localhost:8080"), new("User-Agent", "test"),
            new("WorkloadAccessToken", "wat-value-123"), new(AgentCoreHeaderNames.SessionId, SessionId),
        ]);

        context.ForwardedHeaders.Keys.Should().Equal("Authorization", "X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant", "X-Api-Key", "X-Custom-Signature");
        context.ForwardedHeaders["authorization"].Should().Be("Bearer " + UserJwt);
        context.ForwardedHeaders["x-amzn-bedrock-agentcore-runtime-custom-tenant"].Should().Be("t1");
        context.ForwardedHeaders.ContainsKey("workloadaccesstoken").Should().BeFalse();
        context.UserToken.Should().Be(UserJwt);
        context.ToString().Should().NotContain("wat-value-123").And.NotContain(UserJwt);
    }
}
