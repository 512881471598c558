using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;

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
        environment.Emulator.ReceivedRequests.Should().ContainSingle();
    }

    [Test]
    public async Task Unknown_token_is_access_denied()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var provider = new ApiKeyProvider(environment.CreateOptions());

        Scan.Register("forged-token", "forged token");

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = "forged-token" }, EmulatorEnvironment.ProviderName);

        (await act.Should().ThrowAsync<IdentityAccessDeniedException>()).Which.Message.Should().NotContain("forged-token");
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
