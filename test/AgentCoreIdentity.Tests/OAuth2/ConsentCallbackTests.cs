using static AgentCoreIdentity.Tests.OAuth2.ConsentFixtures;

namespace AgentCoreIdentity.Tests.OAuth2;

public class ConsentCallbackTests : ConsentScanningTest
{
    [Test]
    public async Task Callback_completes_before_first_poll()
    {
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse).Respond(TokenResponse);
        var provider = Provider(dataPlane);
        var stream = new StringWriter();
        var requestsWhenCallbackEnded = -1;
        async Task WriteUrlAndWait(AuthorizationPrompt prompt, CancellationToken cancellationToken)
        {
            await stream.WriteLineAsync($"data: {prompt.AuthorizationUrl.AbsoluteUri}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), Time, cancellationToken);
            requestsWhenCallbackEnded = dataPlane.Requests.Count;
        }

        var task = provider.GetAccessTokenAsync(Context(), Request(WriteUrlAndWait));
        await Time.WaitForTimersAsync(1);
        stream.ToString().Should().Contain(AuthorizationUrl);
        Time.Advance(TimeSpan.FromSeconds(5));
        await Time.WaitForTimersAsync(2);
        dataPlane.Requests.Should().HaveCount(1, "the poll interval starts only after the callback completed");
        Time.Advance(TimeSpan.FromSeconds(5));

        (await task).AccessToken.Should().Be(AccessToken);
        requestsWhenCallbackEnded.Should().Be(1);
        dataPlane.Requests.Should().HaveCount(2);
    }

    [Test]
    public async Task Callback_receives_prompt()
    {
        AuthorizationPrompt? received = null;
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse).Respond(TokenResponse);
        var provider = Provider(dataPlane);

        var task = provider.GetAccessTokenAsync(Context(), Request((prompt, _) =>
        {
            received = prompt;
            return Task.CompletedTask;
        }));
        await Time.WaitForTimersAsync(1);
        Time.Advance(TimeSpan.FromSeconds(5));
        await task;

        received!.AuthorizationUrl.Should().Be(new Uri(AuthorizationUrl));
        received.SessionUri.Should().Be(SessionUri);
        received.ProviderName.Should().Be("google");
        received.ToString().Should().NotContain("idp.example").And.Contain(SessionUri);
    }

    [Test]
    public async Task Callback_exception_surfaces_without_poll()
    {
        var failure = new InvalidOperationException("The response stream is closed.");
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse).Respond(TokenResponse);
        var provider = Provider(dataPlane);

        var act = () => provider.GetAccessTokenAsync(Context(), Request((_, _) => throw failure));

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
        dataPlane.Requests.Should().HaveCount(1);
        Time.TimersCreated.Should().Be(0);
    }

    [Test]
    public async Task No_callback_throws_authorization_required()
    {
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse);
        var provider = Provider(dataPlane);

        var act = () => provider.GetAccessTokenAsync(Context(), Request() with { OnAuthorizationUrl = null });

        var error = (await act.Should().ThrowAsync<AuthorizationRequiredException>()).Which;
        error.AuthorizationUrl.Should().Be(new Uri(AuthorizationUrl));
        error.SessionUri.Should().Be(SessionUri);
        error.ProviderName.Should().Be("google");
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.AuthorizationRequired);
        error.Message.Should().Contain(SessionUri).And.NotContain("idp.example");
        error.ToString().Should().NotContain("idp.example");
        dataPlane.Requests.Should().HaveCount(1);
        Time.TimersCreated.Should().Be(0);
    }

    [Test]
    public async Task Logs_never_contain_secrets()
    {
        var dataPlane = new ScriptedDataPlane()
            .Respond(AuthorizationResponse)
            .Fail(new IdentityThrottledException("throttled"))
            .Respond(PendingResponse)
            .Respond(TokenResponse);
        var provider = Provider(dataPlane);

        var task = provider.GetAccessTokenAsync(Context(), Request());
        for (var poll = 1; poll <= 3; poll++)
        {
            await Time.WaitForTimersAsync(poll);
            Time.Advance(TimeSpan.FromSeconds(5));
            await dataPlane.WaitForRequestsAsync(poll + 1);
        }

        await task;
        await provider.CompleteResourceTokenAuthAsync(Context(), SessionUri);

        var records = Scan.Logs.GetSnapshot();
        records.Select(record => record.Id.Id).Should().Contain([3101, 3102, 3103, 3106, 3107]);
        foreach (var record in records)
        {
            var text = string.Join(" | ", record.Message, record.Exception, string.Join(",", record.StructuredState ?? []));
            text.Should().NotContain("idp.example").And.NotContain(AccessToken).And.NotContain(WorkloadAccessToken)
                .And.NotContain(UserJwt).And.NotContain(CustomState).And.NotContain(LoginHint);
        }
    }
}
