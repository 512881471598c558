using AgentCoreIdentity.Emulator;

namespace AgentCoreIdentity.IntegrationTests.Faults;

public class UnexpectedResponseTests : SecretScanningTest
{
    [TestCase("{}", "without 'apiKey'")]
    [TestCase("{\"apiKey\":\"\"}", "without 'apiKey'")]
    [TestCase("{\"apiKey\":42}", "without 'apiKey'")]
    [TestCase("[\"key\"]", "JSON that is not an object")]
    [TestCase("{\"apiKey\":\"k\"} trailing", "malformed JSON")]
    [TestCase("{\"apiKey\":\"k\"}{\"apiKey\":\"k\"}", "malformed JSON")]
    public async Task Success_without_key_is_typed_error(string body, string described)
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.Response(200, "application/json", body));
        var provider = new ApiKeyProvider(environment.CreateOptions());

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName);

        var error = (await act.Should().ThrowAsync<UnexpectedIdentityResponseException>()).Which;
        error.Message.Should().Contain(described);
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.UnexpectedResponse);
        error.StatusCode.Should().Be(200);
        error.RequestId.Should().NotBeNullOrEmpty();
        error.Operation.Should().Be("GetResourceApiKey");
        error.ProviderName.Should().Be(EmulatorEnvironment.ProviderName);
        error.Attempts.Should().Be(1);
        environment.Emulator.ReceivedRequests.Should().ContainSingle();
    }
}
