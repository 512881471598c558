using AgentCoreIdentity.DataPlane;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Tests.Http;

public class AccessTokenHandlerTests : SecretScanningTest
{
    private const string TokenA = "wat-a-5c6d7e8f9a";
    private const string TokenB = "wat-b-0b1c2d3e4f";
    private const string AuthorizationUrl = "https://idp.example/authorize?x=1";

    private static readonly AccessTokenRequest InventoryM2M = new()
    {
        ProviderName = "inventory-m2m",
        Flow = OAuth2Flow.M2M,
        Scopes = ["inventory.read"],
    };

    private ScriptedOAuth2DataPlane _dataPlane = null!;
    private RecordingInnerHandler _inner = null!;

    [SetUp]
    public void CreateChain()
    {
        Scan.Register(TokenA, "workload access token A");
        Scan.Register(TokenB, "workload access token B");
        Scan.Register("oauth-for-" + TokenA, "OAuth2 access token A");
        Scan.Register("oauth-for-" + TokenB, "OAuth2 access token B");
        Scan.Register(AuthorizationUrl, "authorization URL");
        _dataPlane = ScriptedOAuth2DataPlane.TokenPerWorkloadAccessToken();
        _inner = new RecordingInnerHandler();
    }

    [TearDown]
    public void DisposeChain() => _inner.Dispose();

    private AccessTokenProvider Provider() =>
        new(_dataPlane, new AgentCoreIdentityOptions(), TimeProvider.System, Scan.LoggerFactory.CreateLogger<AccessTokenProvider>());

    private HttpClient CreateClient(AccessTokenHandler handler)
    {
        handler.InnerHandler = _inner;
        return new HttpClient(handler);
    }

    private static AgentCoreRequestContext Context(string? token, string requestId = "req-1") => new() { RequestId = requestId, WorkloadAccessToken = token };

    private static HttpRequestMessage Request(string url, AgentCoreRequestContext? context)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        return context is null ? request : request.WithAgentCoreContext(context);
    }

    [Test]
    public async Task Token_goes_in_bearer_header()
    {
        using var client = CreateClient(new AccessTokenHandler(Provider(), InventoryM2M));

        using var response = await client.SendAsync(Request("https://inventory.example.com/items", Context(TokenA)));

        _inner.Received.Should().ContainSingle();
        _inner.Received[0].Header("Authorization").Should().Be("Bearer oauth-for-" + TokenA);
        var sent = _dataPlane.Requests.Should().ContainSingle().Subject;
        sent.WorkloadIdentityToken.Should().Be(TokenA);
        sent.ResourceCredentialProviderName.Should().Be("inventory-m2m");
        sent.Oauth2Flow.Should().Be("M2M");
        sent.Scopes.Should().Equal("inventory.read");
    }

    [Test]
    public async Task Factory_receives_each_requests_context()
    {
        var seen = new List<AgentCoreRequestContext>();
        using var client = CreateClient(new AccessTokenHandler(Provider(), context =>
        {
            seen.Add(context);
            return InventoryM2M with { Scopes = [$"scope-{context.RequestId}"] };
        }));
        var context = Context(TokenA, "req-factory");

        using var response = await client.SendAsync(Request("https://inventory.example.com/items", context));

        seen.Should().ContainSingle().Which.Should().BeSameAs(context);
        _dataPlane.Requests[0].Scopes.Should().Equal("scope-req-factory");
    }

    [Test]
    public async Task Request_without_context_is_not_sent()
    {
        using var client = CreateClient(new AccessTokenHandler(Provider(), InventoryM2M));

        var send = () => client.SendAsync(Request("https://inventory.example.com/items", context: null));

        var error = (await send.Should().ThrowAsync<MissingRequestContextException>()).Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.MissingRequestContext);
        error.HandlerName.Should().Be(nameof(AccessTokenHandler));
        _inner.Received.Should().BeEmpty();
        _dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Context_without_token_is_not_sent_C3()
    {
        using var client = CreateClient(new AccessTokenHandler(Provider(), InventoryM2M));

        var send = () => client.SendAsync(Request("https://inventory.example.com/items", Context(token: null)));

        await send.Should().ThrowAsync<MissingWorkloadAccessTokenException>();
        _inner.Received.Should().BeEmpty();
        _dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Consent_required_surfaces_without_sending()
    {
        _dataPlane = new ScriptedOAuth2DataPlane(_ => new GetResourceOauth2TokenResponse(
            null, AuthorizationUrl, "urn:ietf:params:oauth:request_uri:abc", "IN_PROGRESS"));
        using var client = CreateClient(new AccessTokenHandler(Provider(), new AccessTokenRequest
        {
            ProviderName = "google-calendar",
            Flow = OAuth2Flow.UserFederation,
            Scopes = ["calendar.read"],
            CallbackUrl = new Uri("https://agent.example.com/oauth2/callback"),
        }));

        var send = () => client.SendAsync(Request("https://calendar.example.com/events", Context(TokenA)));

        var error = (await send.Should().ThrowAsync<AuthorizationRequiredException>()).Which;
        error.SessionUri.Should().Be("urn:ietf:params:oauth:request_uri:abc");
        _inner.Received.Should().BeEmpty();
    }

    [Test]
    public async Task Plain_http_to_remote_host_is_rejected()
    {
        using var client = CreateClient(new AccessTokenHandler(Provider(), InventoryM2M));

        var send = () => client.SendAsync(Request("http://inventory.example.com/items", Context(TokenA)));

        var error = (await send.Should().ThrowAsync<AgentCoreIdentityException>()).Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.Configuration);
        _dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public void Synchronous_send_is_not_supported()
    {
        using var client = CreateClient(new AccessTokenHandler(Provider(), InventoryM2M));

        var send = () => client.Send(Request("https://inventory.example.com/items", Context(TokenA)));

        send.Should().Throw<NotSupportedException>().WithMessage("*SendAsync*");
        _inner.Received.Should().BeEmpty();
    }

    [Test]
    public void Shared_request_with_session_is_rejected()
    {
        var create = () => new AccessTokenHandler(Provider(), InventoryM2M with
        {
            Flow = OAuth2Flow.UserFederation,
            SessionUri = "urn:ietf:params:oauth:request_uri:abc",
        });

        create.Should().Throw<ArgumentException>().WithMessage("*SessionUri*");
    }

    [Test]
    public void Invalid_shared_request_is_rejected()
    {
        var create = () => new AccessTokenHandler(Provider(), InventoryM2M with { ProviderName = "inventory m2m" });

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public async Task Factory_returning_null_fails()
    {
        using var client = CreateClient(new AccessTokenHandler(Provider(), _ => null!));

        var send = () => client.SendAsync(Request("https://inventory.example.com/items", Context(TokenA)));

        await send.Should().ThrowAsync<InvalidOperationException>().WithMessage("*returned null*");
        _inner.Received.Should().BeEmpty();
    }

    [Test]
    public async Task Shared_client_keeps_invocations_apart_C4()
    {
        const int CallsPerInvocation = 20;
        var allArrived = new TaskCompletionSource();
        var arrived = 0;
        using var inner = new RecordingInnerHandler(_ =>
        {
            if (Interlocked.Increment(ref arrived) == 2 * CallsPerInvocation)
            {
                allArrived.SetResult();
            }

            return allArrived.Task;
        });
        using var client = new HttpClient(new AccessTokenHandler(Provider(), InventoryM2M) { InnerHandler = inner });

        async Task InvokeAsync(AgentCoreRequestContext context, string name)
        {
            var calls = Enumerable.Range(0, CallsPerInvocation).Select(async i =>
            {
                await Task.Yield();
                using var response = await client.SendAsync(Request($"https://inventory.example.com/{name}/{i}", context));
            });
            await Task.WhenAll(calls);
        }

        await Task.WhenAll(
            Task.Run(() => InvokeAsync(Context(TokenA, "req-a"), "a")),
            Task.Run(() => InvokeAsync(Context(TokenB, "req-b"), "b")));

        inner.Received.Should().HaveCount(2 * CallsPerInvocation);
        foreach (var received in inner.Received)
        {
            var expected = received.Uri.AbsolutePath.StartsWith("/a/", StringComparison.Ordinal) ? TokenA : TokenB;
            received.Header("Authorization").Should().Be("Bearer oauth-for-" + expected, received.Uri.AbsolutePath);
        }
    }
}
