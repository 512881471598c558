using System.Net;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace AgentCoreIdentity.IntegrationTests;

public class EmulatorSignatureTests : SecretScanningTest
{
    private EmulatorEnvironment _environment = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartEmulator()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        _http = new HttpClient();
    }

    [TearDown]
    public async Task StopEmulator()
    {
        _http.Dispose();
        await _environment.DisposeAsync();
    }

    private string ValidBody() =>
        $"{{\"workloadIdentityToken\":\"{_environment.IssueToken()}\",\"resourceCredentialProviderName\":\"github-api-key\"}}";

    private Uri ApiKeyUri => new(_environment.Emulator.Endpoint, "/identities/api-key");

    /// <summary>Signs <paramref name="signedBody"/> with AWSSDK.Core and sends <paramref name="sentBody"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        string signedBody,
        string? sentBody = null,
        string? secretKey = null,
        string? accessKeyId = null,
        DateTime? signedAt = null,
        string region = "us-east-1")
    {
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = ApiKeyUri, Content = Encoding.UTF8.GetBytes(signedBody) };
        signing.Headers["Content-Type"] = "application/json";
        var result = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(accessKeyId ?? _environment.AccessKey.AccessKeyId, secretKey ?? _environment.AccessKey.SecretAccessKey),
            Region = RegionEndpoint.GetBySystemName(region),
            Service = "bedrock-agentcore",
            SignedAt = signedAt,
        });

        var request = new HttpRequestMessage(HttpMethod.Post, ApiKeyUri) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(sentBody ?? signedBody)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in result.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _http.SendAsync(request);
    }

    private static async Task<(string ErrorType, string Message)> ReadErrorAsync(HttpResponseMessage response)
    {
        response.Headers.GetValues("x-amzn-RequestId").Single().Should().NotBeNullOrEmpty();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.Headers.GetValues("x-amzn-ErrorType").Single(), body.RootElement.GetProperty("message").GetString()!);
    }

    [Test]
    public async Task Valid_signature_is_accepted()
    {
        using var response = await SendAsync(ValidBody());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _environment.Emulator.ReceivedRequests.Single().SignatureValid.Should().BeTrue();
    }

    [Test]
    public async Task Tampered_body_is_rejected()
    {
        var body = ValidBody();

        using var response = await SendAsync(body, sentBody: body.Replace("github-api-key", "other-provider", StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var (type, message) = await ReadErrorAsync(response);
        type.Should().Be("InvalidSignatureException");
        message.Should().StartWith("The request signature we calculated does not match");
        _environment.Emulator.ReceivedRequests.Single().SignatureValid.Should().BeFalse();
    }

    [Test]
    public async Task Wrong_secret_key_is_rejected()
    {
        using var response = await SendAsync(ValidBody(), secretKey: "wrong-secret-key");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ReadErrorAsync(response)).ErrorType.Should().Be("InvalidSignatureException");
    }

    [Test]
    public async Task Stale_date_is_rejected()
    {
        using var response = await SendAsync(ValidBody(), signedAt: DateTime.UtcNow.AddMinutes(-10));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var (type, message) = await ReadErrorAsync(response);
        type.Should().Be("InvalidSignatureException");
        message.Should().StartWith("Signature expired:").And.Contain("5 min.");
    }

    [Test]
    public async Task Future_date_is_rejected()
    {
        using var response = await SendAsync(ValidBody(), signedAt: DateTime.UtcNow.AddMinutes(10));

        (await ReadErrorAsync(response)).Message.Should().StartWith("Signature not yet current:");
    }

    [Test]
    public async Task Unknown_access_key_is_rejected()
    {
        using var response = await SendAsync(ValidBody(), accessKeyId: "AKIAUNKNOWN000000000");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ReadErrorAsync(response)).ErrorType.Should().Be("UnrecognizedClientException");
    }

    [Test]
    public async Task Wrong_region_scope_is_rejected()
    {
        using var response = await SendAsync(ValidBody(), region: "eu-west-1");

        (await ReadErrorAsync(response)).Message.Should().Contain("valid region");
    }

    [Test]
    public async Task Unsigned_request_is_rejected()
    {
        using var response = await _http.PostAsync(ApiKeyUri, new StringContent(ValidBody(), Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ReadErrorAsync(response)).ErrorType.Should().Be("MissingAuthenticationTokenException");
    }

    [Test]
    public async Task Session_key_without_token_is_rejected()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan, sessionToken: "expected-session-token");
        var options = environment.CreateOptions();
        options.Credentials = new BasicAWSCredentials(environment.AccessKey.AccessKeyId, environment.AccessKey.SecretAccessKey);

        var act = () => new ApiKeyProvider(options).GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName);

        (await act.Should().ThrowAsync<RequestSignatureRejectedException>()).Which.ServiceErrorCode.Should().Be("UnrecognizedClientException");
    }
}
