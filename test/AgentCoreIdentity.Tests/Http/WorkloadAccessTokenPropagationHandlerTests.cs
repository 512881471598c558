namespace AgentCoreIdentity.Tests.Http;

public class WorkloadAccessTokenPropagationHandlerTests : SecretScanningTest
{
    private const string TokenA = "wat-a-7e6d5c4b3a";
    private const string TokenB = "wat-b-1f2e3d4c5b";

    [SetUp]
    public void RegisterTokens()
    {
        Scan.Register(TokenA, "workload access token A");
        Scan.Register(TokenB, "workload access token B");
    }

    private static AgentCoreRequestContext Context(string? token, string requestId = "req-1") =>
        new() { RequestId = requestId, SessionId = "session-" + new string('1', 30), WorkloadAccessToken = token };

    private static HttpRequestMessage Request(string url, AgentCoreRequestContext? context)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        return context is null ? request : request.WithAgentCoreContext(context);
    }

    [Test]
    public async Task Token_goes_in_identity_header()
    {
        var inner = new RecordingInnerHandler();
        using var client = new HttpClient(new WorkloadAccessTokenPropagationHandler { InnerHandler = inner });

        using var response = await client.SendAsync(Request("https://gateway.example.com/mcp", Context(TokenA)));

        inner.Received.Should().ContainSingle();
        inner.Received[0].Header(AgentCoreHeaderNames.IdentityWorkloadAccessToken).Should().Be(TokenA);
    }

    [Test]
    public async Task Caller_set_token_is_replaced()
    {
        var inner = new RecordingInnerHandler();
        using var client = new HttpClient(new WorkloadAccessTokenPropagationHandler { InnerHandler = inner });
        using var request = Request("https://gateway.example.com/mcp", Context(TokenA));
        request.Headers.Add(AgentCoreHeaderNames.IdentityWorkloadAccessToken, TokenB);

        using var response = await client.SendAsync(request);

        inner.Received[0].Header(AgentCoreHeaderNames.IdentityWorkloadAccessToken).Should().Be(TokenA);
    }

    [Test]
    public void Synchronous_send_carries_token()
    {
        var inner = new RecordingInnerHandler();
        using var client = new HttpClient(new WorkloadAccessTokenPropagationHandler { InnerHandler = inner });

        using var response = client.Send(Request("https://gateway.example.com/mcp", Context(TokenA)));

        inner.Received[0].Header(AgentCoreHeaderNames.IdentityWorkloadAccessToken).Should().Be(TokenA);
    }

    [Test]
    public async Task Request_without_context_is_not_sent()
    {
        var inner = new RecordingInnerHandler();
        using var client = new HttpClient(new WorkloadAccessTokenPropagationHandler { InnerHandler = inner });

        var send = () => client.SendAsync(Request("https://gateway.example.com/mcp", context: null));

        var error = (await send.Should().ThrowAsync<MissingRequestContextException>()).Which;
        error.HandlerName.Should().Be(nameof(WorkloadAccessTokenPropagationHandler));
        error.Message.Should().Contain("POST https://gateway.example.com/mcp");
        inner.Received.Should().BeEmpty();
    }

    [Test]
    public async Task Context_without_token_is_not_sent()
    {
        var inner = new RecordingInnerHandler();
        using var client = new HttpClient(new WorkloadAccessTokenPropagationHandler { InnerHandler = inner });

        var send = () => client.SendAsync(Request("https://gateway.example.com/mcp", Context(token: null, "req-no-token")));

        var error = (await send.Should().ThrowAsync<MissingWorkloadAccessTokenException>()).Which;
        error.InvocationRequestId.Should().Be("req-no-token");
        error.Message.Should().Contain("POST https://gateway.example.com/mcp was not sent");
        inner.Received.Should().BeEmpty();
    }

    [Test]
    public async Task Plain_http_to_remote_host_is_rejected()
    {
        var inner = new RecordingInnerHandler();
        using var client = new HttpClient(new WorkloadAccessTokenPropagationHandler { InnerHandler = inner });

        var send = () => client.SendAsync(Request("http://gateway.example.com/mcp", Context(TokenA)));

        var error = (await send.Should().ThrowAsync<AgentCoreIdentityException>()).Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.Configuration);
        error.Message.Should().NotContain(TokenA);
        inner.Received.Should().BeEmpty();
    }

    [Test]
    public async Task Shared_client_keeps_invocations_apart_C4()
    {
        const int CallsPerInvocation = 20;
        var allArrived = new TaskCompletionSource();
        var arrived = 0;
        var inner = new RecordingInnerHandler(_ =>
        {
            // Every call waits until all calls of both invocations are in flight, so they interleave in the handler.
            if (Interlocked.Increment(ref arrived) == 2 * CallsPerInvocation)
            {
                allArrived.SetResult();
            }

            return allArrived.Task;
        });
        using var client = new HttpClient(new WorkloadAccessTokenPropagationHandler { InnerHandler = inner });
        var invocationA = Context(TokenA, "req-a");
        var invocationB = Context(TokenB, "req-b");

        async Task InvokeAsync(AgentCoreRequestContext context, string name)
        {
            var calls = Enumerable.Range(0, CallsPerInvocation).Select(async i =>
            {
                await Task.Yield();
                using var response = await client.SendAsync(Request($"https://gateway.example.com/{name}/{i}", context));
            });
            await Task.WhenAll(calls);
        }

        await Task.WhenAll(Task.Run(() => InvokeAsync(invocationA, "a")), Task.Run(() => InvokeAsync(invocationB, "b")));

        inner.Received.Should().HaveCount(2 * CallsPerInvocation);
        foreach (var received in inner.Received)
        {
            var expected = received.Uri.AbsolutePath.StartsWith("/a/", StringComparison.Ordinal) ? TokenA : TokenB;
            received.Header(AgentCoreHeaderNames.IdentityWorkloadAccessToken).Should().Be(expected, received.Uri.AbsolutePath);
        }
    }
}
