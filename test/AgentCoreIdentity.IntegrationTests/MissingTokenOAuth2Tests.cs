using AgentCoreIdentity.SampleAgent.Demo;
using static AgentCoreIdentity.IntegrationTests.OAuth2Setup;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// Requests an OAuth2 token for an invocation that reached the container with a session id but no workload access
/// token. The provider throws <see cref="MissingWorkloadAccessTokenException"/> before any HTTP call, with the same
/// explanation and fix as for an API key.
/// </summary>
public class MissingTokenOAuth2Tests : SecretScanningTest
{
    private const string SessionId = "8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001";
    private const string RequestId = "3f1b9a7e-2c4d-4e8f-a6b5-0d9c8e7f6a5b";

    private EmulatorEnvironment _environment = null!;
    private AgentCoreRequestContext _context = null!;

    [SetUp]
    public async Task StartEmulator()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(_environment);
        _context = AgentCoreRequestContext.FromHeaders(PlatformInvocation.LoadEmbedded().WithoutWorkloadAccessToken().Headers);
    }

    [TearDown]
    public async Task StopEmulator() => await _environment.DisposeAsync();

    private static IEnumerable<TestCaseData> Flows()
    {
        yield return new TestCaseData(OAuth2Flow.M2M, M2MProvider);
        yield return new TestCaseData(OAuth2Flow.UserFederation, UserProvider);
    }

    private async Task<MissingWorkloadAccessTokenException> RequestTokenAsync(OAuth2Flow flow, string providerName)
    {
        var callbackCalled = false;
        var request = new AccessTokenRequest
        {
            ProviderName = providerName,
            Flow = flow,
            Scopes = ["calendar.read"],
            CallbackUrl = flow.Equals(OAuth2Flow.UserFederation) ? new Uri(ReturnUrl) : null,
            OnAuthorizationUrl = (_, _) =>
            {
                callbackCalled = true;
                return Task.CompletedTask;
            },
        };

        var act = () => new AccessTokenProvider(_environment.CreateOptions()).GetAccessTokenAsync(_context, request);

        var error = (await act.Should().ThrowAsync<MissingWorkloadAccessTokenException>()).Which;
        callbackCalled.Should().BeFalse("no consent step starts without a token");
        return error;
    }

    [TestCaseSource(nameof(Flows))]
    public async Task Token_request_without_token_is_typed(OAuth2Flow flow, string providerName)
    {
        var error = await RequestTokenAsync(flow, providerName);

        _environment.Emulator.ReceivedRequests.Should().BeEmpty("the error comes before any HTTP call");
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken);
        error.Operation.Should().Be("GetResourceOauth2Token");
        error.ProviderName.Should().Be(providerName);
        error.InvocationRequestId.Should().Be(RequestId);
        error.SessionId.Should().Be(SessionId);
    }

    [TestCaseSource(nameof(Flows))]
    public async Task Token_request_message_explains_fix(OAuth2Flow flow, string providerName)
    {
        var message = (await RequestTokenAsync(flow, providerName)).Message;

        message.Should().Contain($"No workload access token is available for invocation {RequestId} (session {SessionId})");
        message.Should().Contain($"so GetResourceOauth2Token for credential provider '{providerName}' was not sent");
        message.Should().Contain("only when it knows the end user", "the message says why the token is missing");
        message.Should().Contain("With IAM (SigV4) inbound auth, the caller must send the X-Amzn-Bedrock-AgentCore-Runtime-User-Id header");
        message.Should().Contain("runtimeUserId");
        message.Should().Contain("bedrock-agentcore:InvokeAgentRuntimeForUser");
        message.Should().Contain("With JWT inbound auth, the caller must send 'Authorization: Bearer <JWT>'");
        message.Should().Contain("Outside AgentCore Runtime, mint a token with WorkloadAccessTokenClient");
    }

    [TestCaseSource(nameof(Flows))]
    public async Task Token_request_fix_matches_api_key(OAuth2Flow flow, string providerName)
    {
        var oauth2Message = (await RequestTokenAsync(flow, providerName)).Message;
        var apiKey = () => new ApiKeyProvider(_environment.CreateOptions()).GetApiKeyAsync(_context, EmulatorEnvironment.ProviderName);
        var apiKeyMessage = (await apiKey.Should().ThrowAsync<MissingWorkloadAccessTokenException>()).Which.Message;

        FixText(oauth2Message).Should().Be(FixText(apiKeyMessage));
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    /// <summary>Returns the part of the message after the sentence that names the call that was not sent.</summary>
    private static string FixText(string message)
    {
        const string NotSent = " was not sent. ";
        var end = message.IndexOf(NotSent, StringComparison.Ordinal);
        end.Should().BePositive(message);
        return message[(end + NotSent.Length)..];
    }
}
