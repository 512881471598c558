using System.Text.Json;
using AgentCoreIdentity.DataPlane;
using static AgentCoreIdentity.Tests.OAuth2.ConsentFixtures;

namespace AgentCoreIdentity.Tests.OAuth2;

public class UserConsentPollingTests : ConsentScanningTest
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Polls_repeat_first_call_with_session()
    {
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse).Respond(PendingResponse).Respond(TokenResponse);
        var provider = Provider(dataPlane);

        var task = provider.GetAccessTokenAsync(Context(), Request());
        await AdvanceToPollAsync(dataPlane, poll: 1);
        await AdvanceToPollAsync(dataPlane, poll: 2);
        var result = await task;

        result.AccessToken.Should().Be(AccessToken);
        result.SessionUri.Should().Be(SessionUri);
        var bodies = dataPlane.Bodies;
        bodies.Should().HaveCount(3);
        bodies[0].GetProperty("resourceOauth2ReturnUrl").GetString().Should().Be(CallbackUrl);
        bodies[0].GetProperty("forceAuthentication").GetBoolean().Should().BeTrue();
        bodies[0].TryGetProperty("sessionUri", out _).Should().BeFalse();
        foreach (var poll in bodies.Skip(1))
        {
            poll.GetProperty("sessionUri").GetString().Should().Be(SessionUri);
            poll.TryGetProperty("forceAuthentication", out _).Should().BeFalse("forceAuthentication is sent on the first call only");
            MemberNames(poll).Should().BeEquivalentTo(MemberNames(bodies[0]).Where(name => name != "forceAuthentication").Append("sessionUri"));
            foreach (var member in bodies[0].EnumerateObject().Where(member => member.Name != "forceAuthentication"))
            {
                poll.GetProperty(member.Name).GetRawText().Should().Be(member.Value.GetRawText(), $"member '{member.Name}' is repeated unchanged");
            }
        }
    }

    [Test]
    public async Task Poll_waits_full_interval()
    {
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse).Respond(TokenResponse);
        var provider = Provider(dataPlane, interval: TimeSpan.FromSeconds(2));

        var task = provider.GetAccessTokenAsync(Context(), Request());
        await Time.WaitForTimersAsync(1);
        Time.Advance(TimeSpan.FromMilliseconds(1999));

        dataPlane.Requests.Should().HaveCount(1);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        (await task).AccessToken.Should().Be(AccessToken);
        dataPlane.Requests.Should().HaveCount(2);
    }

    [Test]
    public async Task Explicit_callback_url_wins()
    {
        var dataPlane = new ScriptedDataPlane().Respond(TokenResponse);
        var provider = Provider(dataPlane);

        await provider.GetAccessTokenAsync(Context(), Request() with { CallbackUrl = new Uri("https://other.example.com/cb?a=1") });

        dataPlane.Bodies.Single().GetProperty("resourceOauth2ReturnUrl").GetString().Should().Be("https://other.example.com/cb?a=1");
    }

    [Test]
    public async Task Timeout_stops_polling()
    {
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse).Respond(PendingResponse).Respond(PendingResponse).Respond(PendingResponse);
        var provider = Provider(dataPlane, timeout: TimeSpan.FromSeconds(12));

        var task = provider.GetAccessTokenAsync(Context(), Request());
        await AdvanceToPollAsync(dataPlane, poll: 1);
        await AdvanceToPollAsync(dataPlane, poll: 2);
        await Time.WaitForTimersAsync(3);
        Time.Advance(TimeSpan.FromSeconds(2));

        var error = (await task.Awaiting(t => t).Should().ThrowAsync<UserConsentTimeoutException>()).Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.UserConsentTimedOut);
        error.SessionUri.Should().Be(SessionUri);
        error.Timeout.Should().Be(TimeSpan.FromSeconds(12));
        error.Message.Should().Contain("3 polls").And.Contain("ConsentTimeout");
        dataPlane.Requests.Should().HaveCount(4);
    }

    [Test]
    public async Task Failed_status_stops_at_once()
    {
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse).Respond(FailedResponse);
        var provider = Provider(dataPlane);

        var task = provider.GetAccessTokenAsync(Context(), Request());
        await AdvanceToPollAsync(dataPlane, poll: 1);

        var error = (await task.Awaiting(t => t).Should().ThrowAsync<UserConsentFailedException>()).Which;
        error.SessionUri.Should().Be(SessionUri);
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.UserConsentFailed);
        Time.TimersCreated.Should().Be(1, "no further poll is scheduled");
    }

    [Test]
    public async Task Failed_first_response_throws()
    {
        var dataPlane = new ScriptedDataPlane().Respond(FailedResponse);
        var provider = Provider(dataPlane);

        var act = () => provider.GetAccessTokenAsync(Context(), Request());

        await act.Should().ThrowAsync<UserConsentFailedException>();
        Time.TimersCreated.Should().Be(0);
    }

    [Test]
    public async Task Non_retryable_error_stops_polling()
    {
        var denied = new IdentityAccessDeniedException("denied");
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse).Fail(denied);
        var provider = Provider(dataPlane);

        var task = provider.GetAccessTokenAsync(Context(), Request());
        await AdvanceToPollAsync(dataPlane, poll: 1);

        (await task.Awaiting(t => t).Should().ThrowAsync<IdentityAccessDeniedException>()).Which.Should().BeSameAs(denied);
        Time.TimersCreated.Should().Be(1);
    }

    [Test]
    public async Task Throttled_poll_keeps_polling()
    {
        var dataPlane = new ScriptedDataPlane()
            .Respond(AuthorizationResponse)
            .Fail(new IdentityThrottledException("throttled"))
            .Respond(TokenResponse);
        var provider = Provider(dataPlane);

        var task = provider.GetAccessTokenAsync(Context(), Request());
        await AdvanceToPollAsync(dataPlane, poll: 1);
        await AdvanceToPollAsync(dataPlane, poll: 2);

        (await task).AccessToken.Should().Be(AccessToken);
        dataPlane.Requests.Should().HaveCount(3);
    }

    [TestCase("{}")]
    [TestCase("{\"sessionUri\":\"urn:ietf:params:oauth:request_uri:c7-session\",\"sessionStatus\":\"IN_PROGRESS\"}")]
    [TestCase("{\"accessToken\":\"\"}")]
    public async Task Neither_token_nor_url_is_error(string response)
    {
        var dataPlane = new ScriptedDataPlane().Respond(response);
        var provider = Provider(dataPlane);

        var act = () => provider.GetAccessTokenAsync(Context(), Request());

        var error = (await act.Should().ThrowAsync<UnexpectedIdentityResponseException>()).Which;
        error.Message.Should().Contain("neither an access token nor an authorization URL").And.Contain("'google'");
        dataPlane.Requests.Should().HaveCount(1);
    }

    [Test]
    public async Task Poll_without_status_is_error()
    {
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse).Respond("{}");
        var provider = Provider(dataPlane);

        var task = provider.GetAccessTokenAsync(Context(), Request());
        await AdvanceToPollAsync(dataPlane, poll: 1);

        await task.Awaiting(t => t).Should().ThrowAsync<UnexpectedIdentityResponseException>();
    }

    [TestCase("{\"authorizationUrl\":\"https://idp.example/authorize?x=1\"}")]
    [TestCase("{\"authorizationUrl\":\"/relative\",\"sessionUri\":\"urn:ietf:params:oauth:request_uri:c7-session\"}")]
    public async Task Unusable_authorization_response_is_error(string response)
    {
        var dataPlane = new ScriptedDataPlane().Respond(response);
        var provider = Provider(dataPlane);

        var act = () => provider.GetAccessTokenAsync(Context(), Request());

        (await act.Should().ThrowAsync<UnexpectedIdentityResponseException>()).Which.Message.Should().NotContain("idp.example");
    }

    [Test]
    public async Task Cancellation_stops_polling()
    {
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse).Respond(TokenResponse);
        var provider = Provider(dataPlane);
        using var cancellation = new CancellationTokenSource();

        var task = provider.GetAccessTokenAsync(Context(), Request(), cancellation.Token);
        await Time.WaitForTimersAsync(1);
        await cancellation.CancelAsync();

        await task.Awaiting(t => t).Should().ThrowAsync<OperationCanceledException>();
        Time.Advance(TimeSpan.FromMinutes(1));
        dataPlane.Requests.Should().HaveCount(1);
    }

    [Test]
    public async Task Continued_session_polls_without_callback()
    {
        var dataPlane = new ScriptedDataPlane().Respond(PendingResponse).Respond(TokenResponse);
        var provider = Provider(dataPlane);
        var request = Request() with { ForceAuthentication = false, OnAuthorizationUrl = null, SessionUri = SessionUri };

        var task = provider.GetAccessTokenAsync(Context(), request);
        await AdvanceToPollAsync(dataPlane, poll: 1);

        (await task).AccessToken.Should().Be(AccessToken);
        foreach (var body in dataPlane.Bodies)
        {
            body.GetProperty("sessionUri").GetString().Should().Be(SessionUri);
            body.TryGetProperty("forceAuthentication", out _).Should().BeFalse();
        }
    }

    [Test]
    public void Options_must_be_positive()
    {
        var act = () => CreateProvider(new ScriptedDataPlane(), Time, interval: TimeSpan.Zero);
        var actTimeout = () => CreateProvider(new ScriptedDataPlane(), Time, timeout: TimeSpan.FromSeconds(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*ConsentPollingInterval*");
        actTimeout.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*ConsentTimeout*");
    }

    /// <summary>Waits until the provider sleeps before poll <paramref name="poll"/>, advances one interval, and waits for the poll.</summary>
    private async Task AdvanceToPollAsync(ScriptedDataPlane dataPlane, int poll)
    {
        await Time.WaitForTimersAsync(poll);
        dataPlane.Requests.Should().HaveCount(poll, "no poll is sent before the interval elapses");
        Time.Advance(Interval);
        await dataPlane.WaitForRequestsAsync(poll + 1);
    }

    private static IEnumerable<string> MemberNames(JsonElement body) => body.EnumerateObject().Select(member => member.Name);
}
