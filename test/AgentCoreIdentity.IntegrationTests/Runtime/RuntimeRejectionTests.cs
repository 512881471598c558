using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AgentCoreIdentity.IntegrationTests.Runtime;

/// <summary>
/// How <c>MapAgentCoreRuntime</c> responds when a handler throws <see cref="AgentCoreInvocationRejectedException"/>.
/// The caller gets the rejection's status and body, the log gets no message, and other exceptions still get 500.
/// </summary>
public class RuntimeRejectionTests : SecretScanningTest
{
    private const string Token = "wat-secret-3e7a1c9b5d";
    private const string RequestId = "0c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";
    private const string SessionId = "session-4b2d9f7e1a3c4e5d8f6a0b2c4d6e8f0a";

    // Part of every rejection message. Registered with the scan, so a log record that carried the message would fail the test.
    private const string MessageMarker = "repository-rule-7f3a9c";

    private RuntimeTestHost _host = null!;

    [SetUp]
    public void RegisterSecrets()
    {
        Scan.Register(Token, "workload access token");
        Scan.Register(MessageMarker, "rejection message");
    }

    [TearDown]
    public async Task StopHost()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private static string MessageFor(string errorCode) => $"The body field 'repository' breaks {MessageMarker} ({errorCode}).";

    /// <summary>Creates a rejection whose own text the scan leaves out, because the test put the marker in it.</summary>
    private AgentCoreInvocationRejectedException Rejection(int statusCode, string errorCode)
    {
        var rejection = new AgentCoreInvocationRejectedException(statusCode, errorCode, MessageFor(errorCode));
        Scan.ExcludeTestException(rejection);
        return rejection;
    }

    private static HttpRequestMessage Invocation(string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "invocations") { Content = new StringContent("""{"prompt":"hi"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add(AgentCoreHeaderNames.SessionId, SessionId);
        request.Headers.Add(AgentCoreHeaderNames.RequestId, RequestId);
        request.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, Token);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return request;
    }

    private async Task StartStreamingAsync(Func<EchoRequest, AgentCoreRequestContext, CancellationToken, IAsyncEnumerable<StreamItem>> handler) =>
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime(handler));

    private static string ExpectedBody(string errorCode) =>
        $$"""{"error":"{{errorCode}}","message":"{{MessageFor(errorCode)}}","requestId":"{{RequestId}}"}""";

    private FakeLogRecord SingleRecord(int eventId) => _host.Logs.GetSnapshot().Should().ContainSingle(record => record.Id.Id == eventId).Which;

    [TestCase(400, "InvalidRepository")]
    [TestCase(404, "UnknownRepository")]
    [TestCase(422, "CountOutOfRange")]
    public async Task Json_rejection_gets_status_and_body(int statusCode, string errorCode)
    {
        Task<EchoResponse> Reject(EchoRequest request, AgentCoreRequestContext context, CancellationToken cancellationToken) =>
            throw Rejection(statusCode, errorCode);
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime<EchoRequest, EchoResponse>(Reject));

        using var response = await _host.Client.SendAsync(Invocation());

        ((int)response.StatusCode).Should().Be(statusCode);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().Be(ExpectedBody(errorCode));
    }

    [Test]
    public async Task Json_rejection_is_logged_without_message()
    {
        Task<EchoResponse> Reject(EchoRequest request, AgentCoreRequestContext context, CancellationToken cancellationToken) =>
            throw Rejection(404, "UnknownRepository");
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime<EchoRequest, EchoResponse>(Reject));

        using var response = await _host.Client.SendAsync(Invocation());

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var logged = SingleRecord(3023);
        logged.Level.Should().Be(LogLevel.Information);
        logged.Category.Should().Be("AgentCoreIdentity.Runtime");
        logged.Message.Should().Be($"The invocation handler rejected request {RequestId} in session {SessionId} with status 404 and error UnknownRepository");
        logged.Exception.Should().BeNull();
        _host.Logs.GetSnapshot().Should().NotContain(record => record.Level >= LogLevel.Warning);
        _host.LogsShouldNotContain(MessageMarker, Token);
    }

    [TestCase("text/event-stream")]
    [TestCase("application/json")]
    [TestCase(null)]
    public async Task Stream_rejection_before_first_item_gets_status(string? accept)
    {
        async IAsyncEnumerable<StreamItem> RejectAtOnce(EchoRequest request, AgentCoreRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw Rejection(422, "CountOutOfRange");
#pragma warning disable CS0162 // The yield makes this method an iterator.
            yield break;
#pragma warning restore CS0162
        }

        await StartStreamingAsync(RejectAtOnce);

        using var response = await _host.Client.SendAsync(Invocation(accept));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be(ExpectedBody("CountOutOfRange"));
        SingleRecord(3023).Message.Should().Contain("with status 422 and error CountOutOfRange");
        _host.Logs.GetSnapshot().Should().NotContain(record => record.Id.Id == 3022 || record.Id.Id == 3024);
    }

    [Test]
    public async Task Stream_rejection_after_items_sends_error_event()
    {
        async IAsyncEnumerable<StreamItem> RejectLater(EchoRequest request, AgentCoreRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return new StreamItem(0, "partial");
            await Task.Yield();
            throw Rejection(400, "InvalidRepository");
        }

        await StartStreamingAsync(RejectLater);

        using var response = await _host.Client.SendAsync(Invocation("text/event-stream"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the status line was sent with the first item");
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events.Should().Equal("data: {\"index\":0,\"text\":\"partial\"}", "event: error\ndata: " + ExpectedBody("InvalidRepository"));
        var logged = SingleRecord(3024);
        logged.Level.Should().Be(LogLevel.Information);
        logged.Message.Should().Be(
            $"The invocation handler rejected request {RequestId} in session {SessionId} with error InvalidRepository after 1 streamed items; "
            + "the response had started, so status 400 was not sent");
        _host.Logs.GetSnapshot().Should().NotContain(record => record.Id.Id == 3022 || record.Id.Id == 3023);
    }

    [Test]
    public async Task Json_array_rejection_after_items_aborts()
    {
        async IAsyncEnumerable<StreamItem> RejectLater(EchoRequest request, AgentCoreRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return new StreamItem(0, "partial");
            await Task.Yield();
            throw Rejection(400, "InvalidRepository");
        }

        await StartStreamingAsync(RejectLater);

        var read = async () =>
        {
            using var response = await _host.Client.SendAsync(Invocation("application/json"));
            return await response.Content.ReadAsStringAsync();
        };

        await read.Should().ThrowAsync<HttpRequestException>("a truncated array must not look complete");
        SingleRecord(3024).Message.Should().Contain("after 1 streamed items");
    }

    [TestCase("InvalidOperationException")]
    [TestCase("ArgumentException")]
    [TestCase("BadHttpRequestException")]
    public async Task Other_json_handler_exceptions_get_500(string kind)
    {
        Exception failure = kind switch
        {
            "InvalidOperationException" => new InvalidOperationException($"failed near {MessageMarker}"),
            "ArgumentException" => new ArgumentException($"invalid near {MessageMarker}", "prompt"),
            _ => new BadHttpRequestException($"bad near {MessageMarker}", StatusCodes.Status400BadRequest),
        };
        Scan.ExcludeTestException(failure);
        Task<EchoResponse> Fail(EchoRequest request, AgentCoreRequestContext context, CancellationToken cancellationToken) => throw failure;
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime<EchoRequest, EchoResponse>(Fail));

        using var response = await _host.Client.SendAsync(Invocation());

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        body.RootElement.GetProperty("error").GetString().Should().Be("InvocationFailed");
        body.RootElement.GetProperty("requestId").GetString().Should().Be(RequestId);
        text.Should().NotContain(MessageMarker);
        var logged = SingleRecord(3021);
        logged.Level.Should().Be(LogLevel.Error);
        logged.Exception.Should().BeSameAs(failure);
        _host.Logs.GetSnapshot().Should().NotContain(record => record.Id.Id == 3023);
    }

    [Test]
    public async Task Other_stream_exception_gets_500()
    {
        var failure = new BadHttpRequestException($"bad near {MessageMarker}", StatusCodes.Status404NotFound);
        Scan.ExcludeTestException(failure);
        async IAsyncEnumerable<StreamItem> FailAtOnce(EchoRequest request, AgentCoreRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw failure;
#pragma warning disable CS0162 // The yield makes this method an iterator.
            yield break;
#pragma warning restore CS0162
        }

        await StartStreamingAsync(FailAtOnce);

        using var response = await _host.Client.SendAsync(Invocation("text/event-stream"));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("\"error\":\"InvocationFailed\"").And.NotContain(MessageMarker);
        SingleRecord(3022).Exception.Should().BeSameAs(failure);
    }

    [Test]
    public async Task Plain_endpoint_keeps_rejection_status()
    {
        // Outside MapAgentCoreRuntime nothing writes the body, but ASP.NET Core still responds with the rejection's status.
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapPost("/plain", IResult () =>
            throw new AgentCoreInvocationRejectedException(404, "UnknownRepository", "The repository was not found.")));

        using var response = await _host.Client.PostAsync("plain", content: null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
