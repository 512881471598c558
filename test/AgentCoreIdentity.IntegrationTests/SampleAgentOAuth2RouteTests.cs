using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentCoreIdentity.Emulator;
using AgentCoreIdentity.SampleAgent;
using static AgentCoreIdentity.IntegrationTests.OAuth2Setup;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// The sample agent's OAuth2 routes over HTTP: request faults are a 400 JSON error before any stream starts, service
/// failures a 502, and the whole user-federation flow works with curl-like requests.
/// </summary>
public class SampleAgentOAuth2RouteTests : SecretScanningTest
{
    private const string OtherToken = "conflicting-token-value-3";

    private EmulatorEnvironment _environment = null!;
    private SampleAgentHost _agent = null!;
    private HttpClient _http = null!;

    private Uri CallbackUrl => new(_agent.Endpoint, "oauth2/callback");

    [SetUp]
    public async Task StartServers()
    {
        Scan.Register(OtherToken, "conflicting token");
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        await StartAgentAsync(new SampleAgentSettings { Port = 0 });
    }

    [TearDown]
    public async Task StopServers()
    {
        _http.Dispose();
        await _agent.DisposeAsync();
        await _environment.DisposeAsync();
    }

    private async Task StartAgentAsync(SampleAgentSettings settings)
    {
        _agent = await SampleAgentHost.StartAsync(
            settings,
            options =>
            {
                _environment.Configure(options);
                options.ConsentPollingInterval = TimeSpan.FromMilliseconds(100);
            },
            Scan.ConfigureLogging);
        _http = new HttpClient { BaseAddress = _agent.Endpoint };
    }

    private static HttpRequestMessage Post(string path, string? token, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null)
        {
            request.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, token);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private async Task<ErrorBody> ErrorAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", "an error before the stream is a JSON body, not an event");
        return JsonSerializer.Deserialize<ErrorBody>(text, JsonSerializerOptions.Web)!;
    }

    [Test]
    public async Task User_federation_without_callback_header_gets_400()
    {
        using var request = Post("oauth2/user-federation", _environment.IssueToken());

        var error = await ErrorAsync(request, HttpStatusCode.BadRequest);

        error.Error.Should().Be("MissingOAuth2CallbackUrl");
        error.Message.Should().Contain("needs the OAuth2CallbackUrl header")
            .And.Contain("allowedResourceOauth2ReturnUrls")
            .And.Contain($"'OAuth2CallbackUrl: {CallbackUrl.AbsoluteUri}'");
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [TestCase("oauth2/user-federation")]
    [TestCase("oauth2/m2m")]
    public async Task Conflicting_token_headers_get_400_C1(string path)
    {
        using var request = Post(path, _environment.IssueToken(), (AgentCoreHeaderNames.IdentityWorkloadAccessToken, OtherToken), (AgentCoreHeaderNames.OAuth2CallbackUrl, ReturnUrl));

        var error = await ErrorAsync(request, HttpStatusCode.BadRequest);

        error.Error.Should().Be(AgentCoreIdentityErrorCodes.ConflictingRequestHeaders);
        error.Message.Should().Contain(AgentCoreHeaderNames.IdentityWorkloadAccessToken).And.Contain(AgentCoreHeaderNames.WorkloadAccessToken);
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [TestCase("oauth2/user-federation")]
    [TestCase("oauth2/m2m")]
    public async Task Invalid_header_gets_400(string path)
    {
        using var request = Post(path, _environment.IssueToken(), (AgentCoreHeaderNames.OAuth2CallbackUrl, "not-a-url"));

        var error = await ErrorAsync(request, HttpStatusCode.BadRequest);

        error.Error.Should().Be(AgentCoreIdentityErrorCodes.InvalidRequestHeader);
        error.Message.Should().Contain(AgentCoreHeaderNames.OAuth2CallbackUrl);
    }

    [TestCase("oauth2/user-federation")]
    [TestCase("oauth2/m2m")]
    public async Task Missing_token_gets_400_C3(string path)
    {
        using var request = Post(path, token: null, (AgentCoreHeaderNames.OAuth2CallbackUrl, ReturnUrl));

        var error = await ErrorAsync(request, HttpStatusCode.BadRequest);

        error.Error.Should().Be(AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken);
        error.Message.Should().Contain(AgentCoreHeaderNames.UserId);
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [TestCase("oauth2/user-federation")]
    [TestCase("oauth2/m2m")]
    public async Task Unknown_provider_gets_502_json(string path)
    {
        using var request = Post(path, _environment.IssueToken(), (AgentCoreHeaderNames.OAuth2CallbackUrl, ReturnUrl));

        var error = await ErrorAsync(request, HttpStatusCode.BadGateway);

        error.Error.Should().Be(AgentCoreIdentityErrorCodes.ResourceNotFound);
        _environment.Emulator.ReceivedRequests.Single().Operation.Should().Be("GetResourceOauth2Token");
    }

    [Test]
    public async Task Callback_invalid_header_gets_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "oauth2/callback?session_id=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc");
        request.Headers.TryAddWithoutValidation(AgentCoreHeaderNames.UserId, string.Empty);

        var error = await ErrorAsync(request, HttpStatusCode.BadRequest);

        error.Error.Should().Be(AgentCoreIdentityErrorCodes.InvalidRequestHeader);
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [Test]
    public async Task Callback_without_user_names_the_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "oauth2/callback?session_id=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc");

        var error = await ErrorAsync(request, HttpStatusCode.Unauthorized);

        error.Error.Should().Be("MissingUser");
        error.Message.Should().Contain("Authorization: Bearer <JWT>").And.Contain(AgentCoreHeaderNames.UserId);
    }

    [Test]
    public async Task Callback_service_failure_gets_502()
    {
        _environment.Emulator.InjectFault("CompleteResourceTokenAuth", EmulatorFault.Error(400, "ValidationException", "Injected validation failure"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "oauth2/callback?session_id=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", UserJwt1);
        Scan.Register(UserJwt1, "user JWT");

        var error = await ErrorAsync(request, HttpStatusCode.BadGateway);

        error.Error.Should().Be(AgentCoreIdentityErrorCodes.Validation);
    }

    [Test]
    public async Task Unexpected_failure_gets_json_500()
    {
        await _agent.DisposeAsync();
        _http.Dispose();
        await StartAgentAsync(new SampleAgentSettings { Port = 0, M2MProviderName = "bad name" });
        using var request = Post("oauth2/m2m", _environment.IssueToken());

        var error = await ErrorAsync(request, HttpStatusCode.InternalServerError);

        error.Error.Should().Be("InternalError");
        error.Message.Should().StartWith("The agent failed unexpectedly. Its log has the details under trace identifier ");
        Scan.Logs.GetSnapshot().Should().Contain(record => record.Exception is ArgumentException, "the exception middleware logs the failure");
    }

    [Test]
    public async Task User_federation_walkthrough_over_http()
    {
        AddProviders(_environment);
        _environment.Emulator.AddWorkloadIdentity(EmulatorEnvironment.WorkloadName, [CallbackUrl.AbsoluteUri]);
        using var signed = CreateSignedClient(_environment);
        using var minted = await signed.PostAsJsonAsync(
            "identities/GetWorkloadAccessTokenForJWT",
            new { workloadName = EmulatorEnvironment.WorkloadName, userToken = UserJwt1 });
        var token = Scan.Register((await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workloadAccessToken").GetString()!, "minted token");

        using var invocation = Post("oauth2/user-federation", token, (AgentCoreHeaderNames.OAuth2CallbackUrl, CallbackUrl.AbsoluteUri));
        using var stream = await _http.SendAsync(invocation, HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var (firstName, first) = await ReadEventAsync(events);
        var authorizationUrl = Scan.Register(first.GetProperty("authorizationUrl").GetString()!, "authorization URL");
        var returnUrl = await ConsentAsync(new Uri(authorizationUrl));
        using var wrongUser = await OpenReturnUrlAsync(returnUrl, UserJwt2);
        using var sameUser = await OpenReturnUrlAsync(returnUrl, UserJwt1);
        var (lastName, last) = await ReadEventAsync(events);

        minted.StatusCode.Should().Be(HttpStatusCode.OK);
        stream.StatusCode.Should().Be(HttpStatusCode.OK);
        stream.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        firstName.Should().Be("authorization_required");
        returnUrl.GetLeftPart(UriPartial.Path).Should().Be(CallbackUrl.AbsoluteUri);
        wrongUser.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        sameUser.StatusCode.Should().Be(HttpStatusCode.OK, await sameUser.Content.ReadAsStringAsync());
        (await sameUser.Content.ReadAsStringAsync()).Should().Be("Consent is complete; you can close this window.\n");
        lastName.Should().Be("token");
        last.GetProperty("tokenLength").GetInt32().Should().Be(UserToken.Length);
    }

    private async Task<HttpResponseMessage> OpenReturnUrlAsync(Uri returnUrl, string jwt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, returnUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return await _http.SendAsync(request);
    }

    private static async Task<(string? Name, JsonElement Data)> ReadEventAsync(StreamReader reader)
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0 && name is not null)
            {
                break;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        using var document = JsonDocument.Parse(data ?? "{}");
        return (name, document.RootElement.Clone());
    }
}
