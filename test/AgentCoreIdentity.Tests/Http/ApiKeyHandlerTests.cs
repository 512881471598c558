using AgentCoreIdentity.DataPlane;

namespace AgentCoreIdentity.Tests.Http;

public class ApiKeyHandlerTests : SecretScanningTest
{
    private const string Token = "wat-secret-2b4d6f8a0c";
    private const string Provider = "github-api-key";

    private RecordingDataPlane _dataPlane = null!;
    private RecordingInnerHandler _inner = null!;

    [SetUp]
    public void CreateChain()
    {
        Scan.Register(Token, "workload access token");
        _dataPlane = new RecordingDataPlane();
        Scan.Register(_dataPlane.ApiKey, "API key");
        _inner = new RecordingInnerHandler();
    }

    [TearDown]
    public void DisposeChain() => _inner.Dispose();

    private HttpClient CreateClient(string headerName = ApiKeyHandler.DefaultHeaderName, string? prefix = null) =>
        new(new ApiKeyHandler(new ApiKeyProvider(_dataPlane), Provider, headerName, prefix) { InnerHandler = _inner });

    private static HttpRequestMessage Request(string url, AgentCoreRequestContext? context)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        return context is null ? request : request.WithAgentCoreContext(context);
    }

    private static AgentCoreRequestContext Context(string? token = Token) => new() { RequestId = "req-1", WorkloadAccessToken = token };

    [Test]
    public async Task Key_goes_in_default_header()
    {
        using var client = CreateClient();

        using var response = await client.SendAsync(Request("https://api.example.com/repos", Context()));

        _inner.Received.Should().ContainSingle();
        _inner.Received[0].Header("X-Api-Key").Should().Be(_dataPlane.ApiKey);
        var lookup = _dataPlane.Requests.Should().ContainSingle().Which.Should().BeOfType<GetResourceApiKeyRequest>().Subject;
        lookup.WorkloadIdentityToken.Should().Be(Token);
        lookup.ResourceCredentialProviderName.Should().Be(Provider);
    }

    [Test]
    public async Task Prefix_and_header_name_are_configurable()
    {
        using var client = CreateClient("Authorization", "Bearer ");

        using var response = await client.SendAsync(Request("https://api.example.com/repos", Context()));

        _inner.Received[0].Header("Authorization").Should().Be("Bearer " + _dataPlane.ApiKey);
    }

    [Test]
    public async Task Caller_set_header_is_replaced()
    {
        using var client = CreateClient();
        using var request = Request("https://api.example.com/repos", Context());
        request.Headers.Add("X-Api-Key", "stale-key");

        using var response = await client.SendAsync(request);

        _inner.Received[0].Header("X-Api-Key").Should().Be(_dataPlane.ApiKey);
    }

    [Test]
    public async Task Request_without_context_is_not_sent()
    {
        using var client = CreateClient();

        Scan.Register("query-secret", "query string secret");
        var send = () => client.SendAsync(Request("https://api.example.com/repos?access_token=query-secret", context: null));

        var error = (await send.Should().ThrowAsync<MissingRequestContextException>()).Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.MissingRequestContext);
        error.HandlerName.Should().Be(nameof(ApiKeyHandler));
        error.RequestTarget.Should().Be("GET https://api.example.com/repos");
        error.Message.Should().Contain("WithAgentCoreContext").And.Contain(Provider).And.NotContain("query-secret");
        _inner.Received.Should().BeEmpty();
        _dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Context_without_token_is_not_sent_C3()
    {
        using var client = CreateClient();

        var send = () => client.SendAsync(Request("https://api.example.com/repos", Context(token: null)));

        await send.Should().ThrowAsync<MissingWorkloadAccessTokenException>();
        _inner.Received.Should().BeEmpty();
        _dataPlane.Requests.Should().BeEmpty();
    }

    [TestCase("http://api.example.com/repos")]
    [TestCase("http://10.0.0.5/repos")]
    public async Task Plain_http_to_remote_host_is_rejected(string url)
    {
        using var client = CreateClient();

        var send = () => client.SendAsync(Request(url, Context()));

        var error = (await send.Should().ThrowAsync<AgentCoreIdentityException>()).Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.Configuration);
        error.Message.Should().Contain("https");
        _inner.Received.Should().BeEmpty();
        _dataPlane.Requests.Should().BeEmpty();
    }

    [TestCase("http://127.0.0.1:8081/repos")]
    [TestCase("http://localhost:8081/repos")]
    [TestCase("http://[::1]:8081/repos")]
    public async Task Plain_http_to_loopback_is_allowed(string url)
    {
        using var client = CreateClient();

        using var response = await client.SendAsync(Request(url, Context()));

        _inner.Received.Should().ContainSingle();
    }

    [Test]
    public void Synchronous_send_is_not_supported()
    {
        using var client = CreateClient();

        var send = () => client.Send(Request("https://api.example.com/repos", Context()));

        send.Should().Throw<NotSupportedException>().WithMessage("*SendAsync*");
        _inner.Received.Should().BeEmpty();
    }

    [Test]
    public async Task Key_with_line_break_is_not_sent()
    {
        _dataPlane = new RecordingDataPlane { ApiKey = Scan.Register("key-value\r\nX-Injected: yes", "API key with a line break") };
        using var client = CreateClient();

        var send = () => client.SendAsync(Request("https://api.example.com/repos", Context()));

        var error = (await send.Should().ThrowAsync<AgentCoreIdentityException>()).Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.UnexpectedResponse);
        error.Message.Should().NotContain("key-value");
        _inner.Received.Should().BeEmpty();
    }

    [TestCase("github api key", "X-Api-Key", null, "providerName")]
    [TestCase(Provider, "Bad Header", null, "headerName")]
    [TestCase(Provider, "Content-Type", null, "headerName")]
    [TestCase(Provider, "", null, "headerName")]
    [TestCase(Provider, "Authorization", "Bearer\n", "valuePrefix")]
    public void Invalid_settings_are_rejected(string providerName, string headerName, string? prefix, string parameter)
    {
        var create = () => new ApiKeyHandler(new ApiKeyProvider(_dataPlane), providerName, headerName, prefix);

        create.Should().Throw<ArgumentException>().WithParameterName(parameter);
    }
}
