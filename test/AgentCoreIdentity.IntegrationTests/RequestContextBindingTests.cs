using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// A minimal-API handler that declares <see cref="AgentCoreRequestContext"/> as a parameter, over real HTTP.
/// </summary>
public class RequestContextBindingTests : SecretScanningTest
{
    private const string SessionId = "8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001";

    [SetUp]
    public void RegisterTokens()
    {
        Scan.Register("token-value-1", "first workload access token");
        Scan.Register("token-value-2", "second workload access token");
    }

    private static HttpRequestMessage Get(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value).Should().BeTrue();
        }

        return request;
    }

    [Test]
    public async Task Bound_parameter_reads_headers()
    {
        await using var agent = await MinimalApiAgent.StartAsync(useExceptionHandler: false, scan: Scan);

        using var response = await agent.Client.SendAsync(Get(
            "context",
            ("workloadaccesstoken", "token-value-1"),
            (AgentCoreHeaderNames.SessionId, SessionId),
            (AgentCoreHeaderNames.UserId, "user-7"),
            ("X-Custom-Signature", "s")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var view = (await response.Content.ReadFromJsonAsync<MinimalApiAgent.ContextView>())!;
        view.TokenHeader.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken);
        view.SessionId.Should().Be(SessionId);
        view.UserId.Should().Be("user-7");
        view.CustomSignature.Should().Be("s");
        view.Printed.Should().NotContain("token-value-1");
    }

    [Test]
    public async Task Conflicting_tokens_get_400_without_handler()
    {
        await using var agent = await MinimalApiAgent.StartAsync(useExceptionHandler: false, scan: Scan);

        using var response = await agent.Client.SendAsync(Get(
            "context", ("WorkloadAccessToken", "token-value-1"), ("X-Amz-Bedrock-AgentCore-Identity-WAT", "token-value-2")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        agent.Logs.Lines.Should().NotContain(line => line.Contains("token-value-1", StringComparison.Ordinal));
    }

    [Test]
    public async Task Conflicting_tokens_get_problem_details()
    {
        await using var agent = await MinimalApiAgent.StartAsync(useExceptionHandler: true, scan: Scan);

        using var response = await agent.Client.SendAsync(Get(
            "context", ("WorkloadAccessToken", "token-value-1"), ("X-Amz-Bedrock-AgentCore-Identity-WAT", "token-value-2")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain("token-value-1").And.NotContain("token-value-2");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(400);
        problem.RootElement.GetProperty("title").GetString().Should().Be(AgentCoreRequestContextExceptionHandler.ProblemTitle);
        problem.RootElement.GetProperty("code").GetString().Should().Be(AgentCoreIdentityErrorCodes.ConflictingRequestHeaders);
        problem.RootElement.GetProperty("headers").EnumerateArray().Select(name => name.GetString())
            .Should().Equal(AgentCoreHeaderNames.IdentityWorkloadAccessToken, AgentCoreHeaderNames.WorkloadAccessToken);
        problem.RootElement.GetProperty("detail").GetString().Should().Contain("Send the token under one header name");
    }

    [Test]
    public async Task Short_session_id_names_header()
    {
        await using var agent = await MinimalApiAgent.StartAsync(useExceptionHandler: true, scan: Scan);

        using var response = await agent.Client.SendAsync(Get("context", (AgentCoreHeaderNames.SessionId, "short")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().Should().Be(AgentCoreIdentityErrorCodes.InvalidRequestHeader);
        problem.RootElement.GetProperty("headers")[0].GetString().Should().Be(AgentCoreHeaderNames.SessionId);
        problem.RootElement.GetProperty("detail").GetString().Should().Contain("33 to 256");
    }

    [Test]
    public async Task Explicit_call_error_gets_problem_details()
    {
        await using var agent = await MinimalApiAgent.StartAsync(useExceptionHandler: true, scan: Scan);

        using var response = await agent.Client.SendAsync(Get("explicit", ("Authorization", "Bearer")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("headers")[0].GetString().Should().Be("Authorization");
    }

    [Test]
    public async Task Other_errors_stay_500()
    {
        await using var agent = await MinimalApiAgent.StartAsync(useExceptionHandler: true, scan: Scan);

        using var response = await agent.Client.SendAsync(Get("failure"));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
    }
}
