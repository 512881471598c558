using System.Net;
using AgentCoreIdentity.Emulator;
using static AgentCoreIdentity.IntegrationTests.OAuth2Setup;

namespace AgentCoreIdentity.IntegrationTests;

public class ConsentFlowEmulatorTests : SecretScanningTest
{
    private EmulatorEnvironment _environment = null!;
    private ObservedTimeProvider _time = null!;
    private AccessTokenProvider _provider = null!;

    [SetUp]
    public async Task StartEmulator()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(_environment);
        _time = new ObservedTimeProvider();
        _provider = new AccessTokenProvider(_environment.CreateOptions(), _time);
    }

    [TearDown]
    public async Task StopEmulator() => await _environment.DisposeAsync();

    /// <summary>Mints the context outside the runtime, from the user's JWT, as an agent on ECS would.</summary>
    private Task<AgentCoreRequestContext> MintForJwtAsync(string jwt) =>
        new WorkloadAccessTokenClient(_environment.CreateOptions()).GetWorkloadAccessTokenForJwtAsync(EmulatorEnvironment.WorkloadName, jwt);

    [Test]
    public async Task Consent_and_binding_return_token()
    {
        var context = await MintForJwtAsync(UserJwt1);
        async Task ConsentAndBind(AuthorizationPrompt prompt, CancellationToken cancellationToken)
        {
            var returned = await ConsentAsync(prompt.AuthorizationUrl);
            returned.GetLeftPart(UriPartial.Path).Should().Be(ReturnUrl);
            await _provider.CompleteResourceTokenAuthAsync(context, OAuth2CallbackRequest.GetSessionUri(returned), cancellationToken);
        }

        var task = _provider.GetAccessTokenAsync(context, UserFederation(ConsentAndBind));
        await _time.WaitForTimersAsync(1);
        _time.Advance(TimeSpan.FromSeconds(5));
        var result = await task;

        result.AccessToken.Should().Be(UserToken);
        var received = _environment.Emulator.ReceivedRequests;
        received.Select(request => request.Operation).Should().Equal(
            "GetWorkloadAccessTokenForJWT", "GetResourceOauth2Token", "CompleteResourceTokenAuth", "GetResourceOauth2Token");
        received.Should().OnlyContain(request => request.SignatureValid && request.StatusCode == 200);
        received[2].Body.Should().Be($"{{\"userIdentifier\":{{\"userToken\":\"{UserJwt1}\"}},\"sessionUri\":\"{result.SessionUri}\"}}");
        _environment.Emulator.FindConsentSession(result.SessionUri!)!.Status.Should().Be(ConsentSessionStatus.Bound);
    }

    [Test]
    public async Task Vault_returns_token_after_consent()
    {
        var context = await MintForJwtAsync(UserJwt1);
        var prompt = await StartWithoutWaitingAsync(context);
        await _provider.CompleteResourceTokenAuthAsync(context, OAuth2CallbackRequest.GetSessionUri(await ConsentAsync(prompt.AuthorizationUrl)));

        var again = await _provider.GetAccessTokenAsync(context, UserFederation(onAuthorizationUrl: null));
        var forced = () => _provider.GetAccessTokenAsync(context, UserFederation(onAuthorizationUrl: null) with { ForceAuthentication = true });

        again.AccessToken.Should().Be(UserToken);
        again.SessionUri.Should().BeNull();
        (await forced.Should().ThrowAsync<AuthorizationRequiredException>()).Which.SessionUri.Should().NotBe(prompt.SessionUri);
    }

    [Test]
    public async Task Session_stays_in_progress_until_bound()
    {
        var context = new AgentCoreRequestContext { WorkloadAccessToken = _environment.IssueToken("user-42"), UserId = "user-42" };
        var prompt = await StartWithoutWaitingAsync(context);
        var resumed = UserFederation(onAuthorizationUrl: null) with { SessionUri = prompt.SessionUri };

        var task = _provider.GetAccessTokenAsync(context, resumed);
        await _time.WaitForTimersAsync(1);
        var returned = await ConsentAsync(prompt.AuthorizationUrl);
        _time.Advance(TimeSpan.FromSeconds(5));
        await _time.WaitForTimersAsync(2);
        _environment.Emulator.FindConsentSession(prompt.SessionUri)!.Status.Should().Be(ConsentSessionStatus.Consented);
        await _provider.CompleteResourceTokenAuthAsync(context, OAuth2CallbackRequest.GetSessionUri(returned));
        _time.Advance(TimeSpan.FromSeconds(5));

        (await task).AccessToken.Should().Be(UserToken);
        var polls = _environment.Emulator.ReceivedRequests.Where(request => request.Operation == "GetResourceOauth2Token").ToArray();
        polls.Should().HaveCount(4, "the no-wait call, the resumed call and two polls");
        polls.Skip(1).Should().OnlyContain(request => request.Body.Contains(prompt.SessionUri, StringComparison.Ordinal));
        _environment.Emulator.ReceivedRequests.Single(request => request.Operation == "CompleteResourceTokenAuth").Body
            .Should().Contain("{\"userId\":\"user-42\"}");
    }

    [Test]
    public async Task Binding_with_other_user_is_rejected()
    {
        var context = await MintForJwtAsync(UserJwt1);
        var prompt = await StartWithoutWaitingAsync(context);
        var sessionUri = OAuth2CallbackRequest.GetSessionUri(await ConsentAsync(prompt.AuthorizationUrl));

        var act = () => _provider.CompleteResourceTokenAuthAsync(new AgentCoreRequestContext { UserToken = UserJwt2 }, sessionUri);

        var error = (await act.Should().ThrowAsync<InvalidOAuth2SessionException>()).Which;
        error.StatusCode.Should().Be(403);
        error.ServiceMessage.Should().Be("Invalid or expired session");
        error.Message.Should().Contain("very one").And.NotContain(UserJwt2);
        await _provider.CompleteResourceTokenAuthAsync(context, sessionUri);
        _environment.Emulator.FindConsentSession(sessionUri)!.Status.Should().Be(ConsentSessionStatus.Bound);
    }

    [Test]
    public async Task Binding_before_consent_is_rejected()
    {
        var context = await MintForJwtAsync(UserJwt1);
        var prompt = await StartWithoutWaitingAsync(context);

        var act = () => _provider.CompleteResourceTokenAuthAsync(context, prompt.SessionUri);

        await act.Should().ThrowAsync<InvalidOAuth2SessionException>();
    }

    [Test]
    public async Task Scripted_failure_stops_polling()
    {
        var context = await MintForJwtAsync(UserJwt1);
        var task = _provider.GetAccessTokenAsync(context, UserFederation((prompt, _) =>
        {
            _environment.Emulator.FailConsentSession(prompt.SessionUri);
            return Task.CompletedTask;
        }));
        await _time.WaitForTimersAsync(1);
        _time.Advance(TimeSpan.FromSeconds(5));

        await task.Awaiting(t => t).Should().ThrowAsync<UserConsentFailedException>();
        _environment.Emulator.ReceivedRequests.Count(request => request.Operation == "GetResourceOauth2Token").Should().Be(2);
    }

    [Test]
    public async Task Consent_id_differs_from_session_id()
    {
        var context = await MintForJwtAsync(UserJwt1);
        var prompt = await StartWithoutWaitingAsync(context);
        var other = await StartWithoutWaitingAsync(context);
        var sessionId = prompt.SessionUri[ConsentSession.SessionUriPrefix.Length..];
        var consentId = Scan.Register(prompt.AuthorizationUrl.Segments[^1], "consent id");
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using var bySessionId = await browser.GetAsync(new Uri(_environment.Emulator.Endpoint, "/consent/" + sessionId));
        using var bySessionUri = await browser.GetAsync(new Uri(_environment.Emulator.Endpoint, "/consent/" + Uri.EscapeDataString(prompt.SessionUri)));
        var pendingAfterGuesses = _environment.Emulator.FindConsentSession(prompt.SessionUri)!.Status;
        using var byAuthorizationUrl = await browser.GetAsync(prompt.AuthorizationUrl);

        consentId.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "a consent id is 32 random bytes in base64url");
        prompt.AuthorizationUrl.AbsoluteUri.Should().Be($"{_environment.Emulator.Endpoint}consent/{consentId}");
        consentId.Should().NotContain(sessionId);
        other.AuthorizationUrl.Segments[^1].Should().NotBe(consentId);
        bySessionId.StatusCode.Should().Be(HttpStatusCode.NotFound);
        bySessionUri.StatusCode.Should().Be(HttpStatusCode.NotFound);
        pendingAfterGuesses.Should().Be(ConsentSessionStatus.Pending);
        byAuthorizationUrl.StatusCode.Should().Be(HttpStatusCode.Redirect);
        _environment.Emulator.FindConsentSession(prompt.SessionUri)!.Status.Should().Be(ConsentSessionStatus.Consented);
        _environment.Emulator.FindConsentSession(ConsentSession.SessionUriPrefix + consentId).Should().BeNull("a consent id is not a session id");
        _environment.Emulator.FindConsentSession(prompt.SessionUri)!.ToString().Should().NotContain(consentId);
    }

    private async Task<AuthorizationRequiredException> StartWithoutWaitingAsync(AgentCoreRequestContext context)
    {
        var act = () => _provider.GetAccessTokenAsync(context, UserFederation(onAuthorizationUrl: null));
        var required = (await act.Should().ThrowAsync<AuthorizationRequiredException>()).Which;
        required.AuthorizationUrl.Host.Should().Be("127.0.0.1");
        return required;
    }
}
