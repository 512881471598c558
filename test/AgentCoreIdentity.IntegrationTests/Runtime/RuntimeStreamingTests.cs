using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace AgentCoreIdentity.IntegrationTests.Runtime;

public class RuntimeStreamingTests : SecretScanningTest
{
    private const string Token = "wat-secret-0a9b8c7d6e";
    private const string RequestId = "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c";

    private RuntimeTestHost _host = null!;

    [SetUp]
    public void RegisterToken() => Scan.Register(Token, "workload access token");

    [TearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private static async IAsyncEnumerable<StreamItem> Count(
        EchoRequest request,
        AgentCoreRequestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < request.Count; i++)
        {
            await Task.Yield();
            yield return new StreamItem(i, $"{request.Prompt} {i} for {context.RequestId}");
        }
    }

    private async Task StartAsync(Func<EchoRequest, AgentCoreRequestContext, CancellationToken, IAsyncEnumerable<StreamItem>> handler) =>
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime(handler));

    private static HttpRequestMessage Invocation(string body, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "invocations") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(AgentCoreHeaderNames.RequestId, RequestId);
        request.Headers.Add(AgentCoreHeaderNames.IdentityWorkloadAccessToken, Token);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return request;
    }

    [Test]
    public async Task Event_stream_caller_gets_one_event_per_item()
    {
        await StartAsync(Count);

        using var response = await _host.Client.SendAsync(Invocation("""{"prompt":"step","count":3}""", "text/event-stream"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().Be(
            $"data: {{\"index\":0,\"text\":\"step 0 for {RequestId}\"}}\n\n"
            + $"data: {{\"index\":1,\"text\":\"step 1 for {RequestId}\"}}\n\n"
            + $"data: {{\"index\":2,\"text\":\"step 2 for {RequestId}\"}}\n\n");
    }

    [TestCase(null)]
    [TestCase("application/json")]
    [TestCase("*/*")]
    [TestCase("text/event-stream;q=0, application/json")]
    public async Task Other_callers_get_a_json_array(string? accept)
    {
        await StartAsync(Count);

        using var response = await _host.Client.SendAsync(Invocation("""{"prompt":"step","count":2}""", accept));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be(
            $"[{{\"index\":0,\"text\":\"step 0 for {RequestId}\"}},{{\"index\":1,\"text\":\"step 1 for {RequestId}\"}}]");
    }

    [Test]
    public async Task Empty_stream_is_an_empty_array()
    {
        await StartAsync(Count);

        using var response = await _host.Client.SendAsync(Invocation("""{"count":0}""", accept: null));

        (await response.Content.ReadAsStringAsync()).Should().Be("[]");
    }

    [Test]
    public async Task Items_arrive_before_stream_ends()
    {
        var release = new TaskCompletionSource();
        async IAsyncEnumerable<StreamItem> Slow(EchoRequest request, AgentCoreRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return new StreamItem(0, "first");
            await release.Task.WaitAsync(cancellationToken);
            yield return new StreamItem(1, "second");
        }

        await StartAsync(Slow);

        using var response = await _host.Client.SendAsync(Invocation("{}", "text/event-stream"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var firstLine = await reader.ReadLineAsync();
        release.SetResult();
        var rest = await reader.ReadToEndAsync();

        firstLine.Should().Be("data: {\"index\":0,\"text\":\"first\"}");
        rest.Should().Be("\ndata: {\"index\":1,\"text\":\"second\"}\n\n");
    }

    [Test]
    public async Task Failure_before_first_item_gets_500()
    {
        async IAsyncEnumerable<StreamItem> FailAtOnce(EchoRequest request, AgentCoreRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();

            // The app's own exception quotes the token; the SDK logs it as it is.
            var failure = new InvalidOperationException($"model refused {context.WorkloadAccessToken}");
            Scan.ExcludeTestException(failure);
            throw failure;
#pragma warning disable CS0162 // The yield makes this method an iterator.
            yield break;
#pragma warning restore CS0162
        }

        await StartAsync(FailAtOnce);

        using var response = await _host.Client.SendAsync(Invocation("{}", "text/event-stream"));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("\"error\":\"InvocationFailed\"").And.Contain(RequestId);
        body.Should().NotContain(Token).And.NotContain("model refused");
    }

    [Test]
    public async Task Failure_after_items_sends_error_event()
    {
        static async IAsyncEnumerable<StreamItem> FailLater(EchoRequest request, AgentCoreRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return new StreamItem(0, "partial");
            await Task.Yield();
            throw new InvalidOperationException("model refused");
        }

        await StartAsync(FailLater);

        using var response = await _host.Client.SendAsync(Invocation("{}", "text/event-stream"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events.Should().HaveCount(2);
        events[0].Should().Be("data: {\"index\":0,\"text\":\"partial\"}");
        events[1].Should().StartWith("event: error\ndata: ");
        using var error = JsonDocument.Parse(events[1]["event: error\ndata: ".Length..]);
        error.RootElement.GetProperty("error").GetString().Should().Be("InvocationFailed");
        error.RootElement.GetProperty("requestId").GetString().Should().Be(RequestId);
        body.Should().NotContain(Token).And.NotContain("model refused");
        var logged = _host.Logs.GetSnapshot().Single(record => record.Id.Id == 3022);
        logged.Message.Should().Contain("after 1 items").And.Contain(RequestId);
        _host.LogsShouldNotContain(Token);
    }

    [Test]
    public async Task Json_array_failure_aborts_response()
    {
        static async IAsyncEnumerable<StreamItem> FailLater(EchoRequest request, AgentCoreRequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return new StreamItem(0, "partial");
            await Task.Yield();
            throw new InvalidOperationException("model failed");
        }

        await StartAsync(FailLater);

        var read = async () =>
        {
            using var response = await _host.Client.SendAsync(Invocation("{}", "application/json"));
            return await response.Content.ReadAsStringAsync();
        };

        await read.Should().ThrowAsync<HttpRequestException>();
    }

    [Test]
    public async Task Invalid_json_gets_400_before_streaming()
    {
        await StartAsync(Count);

        using var response = await _host.Client.SendAsync(Invocation("[1,2]", "text/event-stream"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("InvalidJson");
    }
}
