using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentCoreIdentity.IntegrationTests;

public class ApiKeyProviderEmulatorTests : SecretScanningTest
{
    [Test]
    public async Task Standalone_provider_fetches_key()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var provider = new ApiKeyProvider(environment.CreateOptions());
        var token = environment.IssueToken();

        var key = await provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = token }, EmulatorEnvironment.ProviderName);

        key.Should().Be(environment.ApiKey);
        var request = environment.Emulator.ReceivedRequests.Should().ContainSingle().Which;
        request.SignatureValid.Should().BeTrue();
        request.AccessKeyId.Should().Be(environment.AccessKey.AccessKeyId);
        request.Body.Should().Be($"{{\"workloadIdentityToken\":\"{token}\",\"resourceCredentialProviderName\":\"github-api-key\"}}");
        request.ContentType.Should().Be("application/json");
        request.SignedHeaders.Should().Contain(["content-type", "host", "x-amz-content-sha256", "x-amz-date"]);
    }

    [Test]
    public async Task Provider_from_dependency_injection_fetches_key()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddAgentCoreIdentity(environment.Configure);
        await using var serviceProvider = services.BuildServiceProvider();
        var provider = serviceProvider.GetRequiredService<ApiKeyProvider>();

        var key = await provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName);

        key.Should().Be(environment.ApiKey);
        serviceProvider.GetRequiredService<ApiKeyProvider>().Should().BeSameAs(provider);
    }

    [Test]
    public async Task Session_credentials_send_security_token()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan, sessionToken: "session-token-1");
        var provider = new ApiKeyProvider(environment.CreateOptions());

        await provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName);

        environment.Emulator.ReceivedRequests.Single().SignedHeaders.Should().Contain("x-amz-security-token");
    }

    [Test]
    public async Task Missing_secrets_manager_grant_is_typed_error()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan, deniedActions: ["secretsmanager:GetSecretValue"]);
        var provider = new ApiKeyProvider(environment.CreateOptions());
        var token = environment.IssueToken();

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = token }, EmulatorEnvironment.ProviderName);

        var denied = (await act.Should().ThrowAsync<IdentityAccessDeniedException>()).Which;
        denied.DeniedAction.Should().Be("secretsmanager:GetSecretValue");
        denied.DeniedResource.Should().StartWith("arn:aws:secretsmanager:us-east-1:111122223333:secret:bedrock-agentcore-identity!default/apikey/github-api-key-");
        denied.RequiredPolicyStatement.Should().Contain("arn:aws:secretsmanager:us-east-1:111122223333:secret:bedrock-agentcore-identity!*");
        denied.ServiceMessage.Should().Contain("is not authorized to perform: secretsmanager:GetSecretValue");
        denied.RequestId.Should().NotBeNullOrEmpty();
        denied.StatusCode.Should().Be(403);
        denied.Message.Should().NotContain(token);
        environment.Emulator.ReceivedRequests.Should().ContainSingle("an access-denied error is not retried");
    }

    [Test]
    public async Task Unknown_provider_is_not_found()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var provider = new ApiKeyProvider(environment.CreateOptions());

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, "no-such-provider");

        var error = (await act.Should().ThrowAsync<IdentityResourceNotFoundException>()).Which;
        error.Message.Should().Contain("'no-such-provider'").And.Contain("us-east-1");
        error.Message.Should().Contain("'aws bedrock-agentcore-control list-api-key-credential-providers --region us-east-1'");
        environment.Emulator.ReceivedRequests.Should().ContainSingle();
    }

    [Test]
    public async Task Unknown_token_is_access_denied()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var provider = new ApiKeyProvider(environment.CreateOptions());

        Scan.Register("forged-token", "forged token");

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = "forged-token" }, EmulatorEnvironment.ProviderName);

        var error = (await act.Should().ThrowAsync<IdentityAccessDeniedException>()).Which;
        error.Message.Should().NotContain("forged-token");
        error.IsWorkloadAccessTokenRejected.Should().BeTrue();
        error.Message.Should().Contain("rejected the workload access token").And.Contain(nameof(WorkloadAccessTokenClient));
        error.Message.Should().NotContain("Check the IAM policy");
        error.ServiceMessage.Should().Be("The workload access token is invalid or has expired.");
        error.DeniedAction.Should().BeNull();
    }

    [Test]
    public async Task Expired_token_is_rejected_token()
    {
        // The emulator checks signature dates against this clock, so it starts at the real time. The token expires
        // within the allowed clock skew of 5 minutes.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var environment = await EmulatorEnvironment.StartAsync(Scan, configure: options =>
        {
            options.TimeProvider = clock;
            options.WorkloadAccessTokenLifetime = TimeSpan.FromMinutes(1);
        });
        var provider = new ApiKeyProvider(environment.CreateOptions());
        var context = new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() };
        var before = await provider.GetApiKeyAsync(context, EmulatorEnvironment.ProviderName);

        clock.Advance(TimeSpan.FromMinutes(2));
        var act = () => provider.GetApiKeyAsync(context, EmulatorEnvironment.ProviderName);

        before.Should().Be(environment.ApiKey);
        var error = (await act.Should().ThrowAsync<IdentityAccessDeniedException>()).Which;
        error.IsWorkloadAccessTokenRejected.Should().BeTrue();
        error.Attempts.Should().Be(1, "a rejected token is not retried");
        error.Message.Should().Contain("may have expired").And.Contain("context of the current invocation");
        environment.Emulator.ReceivedRequests.Select(request => request.StatusCode).Should().Equal(200, 403);
    }

    [Test]
    public async Task Expired_token_for_oauth2_is_rejected_token()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var environment = await EmulatorEnvironment.StartAsync(Scan, configure: options =>
        {
            options.TimeProvider = clock;
            options.WorkloadAccessTokenLifetime = TimeSpan.FromMinutes(1);
        });
        environment.Emulator.AddOAuth2Provider("inventory-m2m", Scan.Register("inventory-access-token", "OAuth2 access token"));
        var provider = new AccessTokenProvider(environment.CreateOptions());
        var context = new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() };
        clock.Advance(TimeSpan.FromMinutes(2));

        var act = () => provider.GetAccessTokenAsync(context, new AccessTokenRequest { ProviderName = "inventory-m2m", Flow = OAuth2Flow.M2M });

        var error = (await act.Should().ThrowAsync<IdentityAccessDeniedException>()).Which;
        error.IsWorkloadAccessTokenRejected.Should().BeTrue();
        error.Operation.Should().Be("GetResourceOauth2Token");
        error.Message.Should().Contain("rejected the workload access token").And.NotContain("Check the IAM policy");
    }

    [Test]
    public async Task Wrong_secret_key_is_signature_rejected()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var options = environment.CreateOptions();
        options.Credentials = new BasicAWSCredentials(environment.AccessKey.AccessKeyId, Scan.Register("not-the-secret-key", "wrong secret key"));
        var provider = new ApiKeyProvider(options);

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName);

        var error = (await act.Should().ThrowAsync<RequestSignatureRejectedException>()).Which;
        error.ServiceErrorCode.Should().Be("InvalidSignatureException");
        error.Message.Should().Contain("clock");
    }

    [Test]
    public async Task No_token_sends_no_request()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var provider = new ApiKeyProvider(environment.CreateOptions());

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { SessionId = new string('s', 36) }, EmulatorEnvironment.ProviderName);

        await act.Should().ThrowAsync<MissingWorkloadAccessTokenException>();
        environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [Test]
    public async Task Cancellation_is_not_wrapped()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var provider = new ApiKeyProvider(environment.CreateOptions());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = "t" }, EmulatorEnvironment.ProviderName, cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
