using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.IntegrationTests.Runtime;

public class RuntimeInvocationTests : SecretScanningTest
{
    private const string Token = "wat-secret-9c1e5b7d3a";
    private const string OtherToken = "wat-other-value-77";
    private const string PayloadSecret = "secret-payload-value";
    private const string SessionId = "session-5d0e9a7c1b3f4e2d8c6a0b9f7e5d3c1a";
    private const string RequestId = "7b3e2f10-9c4d-4a8e-b5f6-0d1c2b3a4e5f";

    private RuntimeTestHost _host = null!;

    [SetUp]
    public void RegisterSecrets()
    {
        Scan.Register(Token, "workload access token");
        Scan.Register(OtherToken, "second workload access token");
        Scan.Register(PayloadSecret, "payload value");
    }

    [TearDown]
    public async Task StopHost()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private static Task<EchoResponse> Echo(EchoRequest request, AgentCoreRequestContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new EchoResponse(request.Prompt, context.RequestId, context.SessionId, context.WorkloadAccessTokenHeader));

    private async Task StartEchoAsync() => _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime<EchoRequest, EchoResponse>(Echo));

    private static HttpRequestMessage Invocation(string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "invocations") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add(AgentCoreHeaderNames.SessionId, SessionId);
        request.Headers.Add(AgentCoreHeaderNames.RequestId, RequestId);
        request.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, Token);
        return request;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Test]
    public async Task Invocation_passes_payload_and_context()
    {
        await StartEchoAsync();

        using var response = await _host.Client.SendAsync(Invocation("""{"prompt":"summarise"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
        echo.Should().Be(new EchoResponse("summarise", RequestId, SessionId, AgentCoreHeaderNames.WorkloadAccessToken));
    }

    [Test]
    public async Task Source_generated_metadata_is_used()
    {
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime(
            Echo,
            RuntimeTestJsonContext.Default.EchoRequest,
            RuntimeTestJsonContext.Default.EchoResponse));

        using var response = await _host.Client.SendAsync(Invocation("""{"prompt":"aot"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be(
            $$"""{"echo":"aot","requestId":"{{RequestId}}","sessionId":"{{SessionId}}","tokenHeader":"WorkloadAccessToken"}""");
    }

    [Test]
    public async Task Malformed_json_gets_400_with_location()
    {
        await StartEchoAsync();

        using var response = await _host.Client.SendAsync(Invocation($$"""{"prompt":"{{PayloadSecret}}" "count":1}"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await ReadJsonAsync(response);
        body.GetProperty("error").GetString().Should().Be("InvalidJson");
        body.GetProperty("message").GetString().Should().Contain("malformed at line 0, byte ").And.Contain("EchoRequest");
        body.GetProperty("requestId").GetString().Should().Be(RequestId);
        body.ToString().Should().NotContain(PayloadSecret);
    }

    [Test]
    public async Task Wrong_value_type_gets_400_with_path()
    {
        await StartEchoAsync();

        using var response = await _host.Client.SendAsync(Invocation("""{"prompt":"hi","count":"many"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var raw = await response.Content.ReadAsStringAsync();
        raw.Should().Contain("JSON path '$.count'");
        raw.Should().NotContain("many");
    }

    [Test]
    public async Task Empty_body_gets_400()
    {
        await StartEchoAsync();

        using var response = await _host.Client.SendAsync(Invocation(string.Empty));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await ReadJsonAsync(response);
        body.GetProperty("error").GetString().Should().Be("EmptyBody");
        body.GetProperty("message").GetString().Should().Be("The request body is empty. Send a JSON object (EchoRequest).");
    }

    [Test]
    public async Task Json_null_body_gets_400()
    {
        await StartEchoAsync();

        using var response = await _host.Client.SendAsync(Invocation("null"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("message").GetString().Should().Contain("JSON literal null");
    }

    [Test]
    public async Task Invalid_context_header_gets_400_naming_it()
    {
        await StartEchoAsync();
        using var request = Invocation("""{"prompt":"hi"}""");
        request.Headers.Remove(AgentCoreHeaderNames.SessionId);
        request.Headers.Add(AgentCoreHeaderNames.SessionId, "too-short");

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await ReadJsonAsync(response);
        body.GetProperty("error").GetString().Should().Be(AgentCoreIdentityErrorCodes.InvalidRequestHeader);
        body.GetProperty("message").GetString().Should().Contain(AgentCoreHeaderNames.SessionId);
        body.TryGetProperty("requestId", out _).Should().BeFalse();
    }

    [Test]
    public async Task Conflicting_token_headers_get_400_C1()
    {
        await StartEchoAsync();
        using var request = Invocation("""{"prompt":"hi"}""");
        request.Headers.Add(AgentCoreHeaderNames.RuntimeWorkloadAccessToken, OtherToken);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain(AgentCoreIdentityErrorCodes.ConflictingRequestHeaders);
        text.Should().Contain(AgentCoreHeaderNames.WorkloadAccessToken).And.Contain(AgentCoreHeaderNames.RuntimeWorkloadAccessToken);
        text.Should().NotContain(Token).And.NotContain(OtherToken);
    }

    [Test]
    public async Task Handler_exception_gets_500_without_secrets()
    {
        Task<EchoResponse> Fail(EchoRequest request, AgentCoreRequestContext context, CancellationToken cancellationToken)
        {
            // The app's own exception quotes the token, as an upstream error might; the SDK logs it as it is.
            var failure = new InvalidOperationException($"upstream rejected token {context.WorkloadAccessToken}");
            Scan.ExcludeTestException(failure);
            throw failure;
        }

        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime<EchoRequest, EchoResponse>(Fail));

        using var response = await _host.Client.SendAsync(Invocation("""{"prompt":"hi"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var body = await ReadJsonAsync(response);
        body.GetProperty("error").GetString().Should().Be("InvocationFailed");
        body.GetProperty("message").GetString().Should().Contain(RequestId);
        body.GetProperty("requestId").GetString().Should().Be(RequestId);
        body.ToString().Should().NotContain(Token).And.NotContain("upstream rejected");
        var logged = _host.Logs.GetSnapshot().Single(record => record.Level == LogLevel.Error);
        logged.Id.Id.Should().Be(3021);
        logged.Message.Should().Contain(RequestId).And.Contain(SessionId);
        logged.Exception.Should().BeOfType<InvalidOperationException>();
    }

    [Test]
    public async Task Identity_exception_keeps_its_code_C3()
    {
        var apiKeys = new ApiKeyProvider(new AgentCoreIdentityOptions
        {
            Region = "us-east-1",
            Endpoint = new Uri("http://127.0.0.1:9"),
            Credentials = new BasicAWSCredentials("AKIAEXAMPLEEXAMPLE01", Scan.Register("example-secret-access-key", "secret access key")),
            LoggerFactory = Scan.LoggerFactory,
        });
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime<EchoRequest, EchoResponse>(async (_, context, cancellationToken) =>
        {
            var key = await apiKeys.GetApiKeyAsync(context, "github-api-key", cancellationToken);
            return new EchoResponse(key.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), context.RequestId, null, null);
        }));
        using var request = Invocation("""{"prompt":"hi"}""");
        request.Headers.Remove(AgentCoreHeaderNames.WorkloadAccessToken);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var body = await ReadJsonAsync(response);
        body.GetProperty("error").GetString().Should().Be(AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken);
        body.GetProperty("message").GetString().Should().Contain(AgentCoreHeaderNames.UserId);
    }

    [Test]
    public async Task Caller_disconnect_is_not_logged_as_failure()
    {
        var started = new TaskCompletionSource();
        var ended = new TaskCompletionSource();
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime<EchoRequest, EchoResponse>(async (request, context, cancellationToken) =>
        {
            try
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return new EchoResponse(request.Prompt, context.RequestId, null, null);
            }
            finally
            {
                ended.SetResult();
            }
        }));
        using var cancellation = new CancellationTokenSource();

        var sending = _host.Client.SendAsync(Invocation("""{"prompt":"hi"}"""), cancellation.Token);
        await started.Task;
        await cancellation.CancelAsync();
        await sending.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();
        await ended.Task;
        await _host.DisposeAsync();

        _host.Logs.GetSnapshot().Should().NotContain(record => record.Level >= LogLevel.Error);
        _host = null!;
    }

    [Test]
    public async Task Logs_never_contain_the_token()
    {
        static Task<EchoResponse> Fail(EchoRequest request, AgentCoreRequestContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("failed");
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime<EchoRequest, EchoResponse>(Fail));

        using var failed = await _host.Client.SendAsync(Invocation("""{"prompt":"hi"}"""));
        using var invalid = await _host.Client.SendAsync(Invocation("{"));

        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        _host.Logs.Count.Should().BeGreaterThan(0);
        _host.LogsShouldNotContain(Token);
    }

    [Test]
    public async Task Mapping_without_registration_throws()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var map = () => app.MapAgentCoreRuntime<EchoRequest, EchoResponse>(Echo);

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddAgentCoreRuntime*");
    }

    [Test]
    public async Task Missing_json_metadata_fails_at_mapping()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddAgentCoreRuntime();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine());
        await using var app = builder.Build();

        var map = () => app.MapAgentCoreRuntime<EchoRequest, EchoResponse>(Echo);

        map.Should().Throw<InvalidOperationException>().WithMessage("*EchoRequest*JsonSerializerContext*");
    }
}
