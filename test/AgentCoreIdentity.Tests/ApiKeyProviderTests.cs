using AgentCoreIdentity.DataPlane;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Tests;

public class ApiKeyProviderTests
{
    [Test]
    public async Task GetApiKeyAsync_sends_context_token()
    {
        var dataPlane = new RecordingDataPlane();
        var provider = new ApiKeyProvider(dataPlane);
        var context = new AgentCoreRequestContext { WorkloadAccessToken = "wat-1" };

        var key = await provider.GetApiKeyAsync(context, "github-api-key");

        key.Should().Be("stored-api-key");
        dataPlane.Requests.Should().ContainSingle()
            .Which.Should().Be(new GetResourceApiKeyRequest("wat-1", "github-api-key"));
    }

    [Test]
    public async Task Missing_token_fails_before_any_request()
    {
        var dataPlane = new RecordingDataPlane();
        var provider = new ApiKeyProvider(dataPlane);
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary
        {
            [AgentCoreHeaderNames.SessionId] = "8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001",
            [AgentCoreHeaderNames.RequestId] = "req-c3",
        });

        var act = () => provider.GetApiKeyAsync(context, "github-api-key");

        var error = (await act.Should().ThrowAsync<MissingWorkloadAccessTokenException>()).Which;
        dataPlane.Requests.Should().BeEmpty();
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken);
        error.Operation.Should().Be("GetResourceApiKey");
        error.ProviderName.Should().Be("github-api-key");
        error.InvocationRequestId.Should().Be("req-c3");
        error.Message.Should().Contain("only when it knows the end user")
            .And.Contain("X-Amzn-Bedrock-AgentCore-Runtime-User-Id")
            .And.Contain("bedrock-agentcore:InvokeAgentRuntimeForUser")
            .And.Contain("Authorization: Bearer")
            .And.Contain("WorkloadAccessTokenClient");
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task Blank_hand_built_token_counts_as_missing(string token)
    {
        var dataPlane = new RecordingDataPlane();
        var provider = new ApiKeyProvider(dataPlane);

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = token }, "github-api-key");

        await act.Should().ThrowAsync<MissingWorkloadAccessTokenException>();
        dataPlane.Requests.Should().BeEmpty();
    }

    [TestCase("has space")]
    [TestCase("")]
    [TestCase("dots.are.not.allowed")]
    public async Task Invalid_provider_name_fails_before_request(string name)
    {
        var dataPlane = new RecordingDataPlane();
        var provider = new ApiKeyProvider(dataPlane);

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = "wat" }, name);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("providerName");
        dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Null_provider_name_fails_before_request()
    {
        var dataPlane = new RecordingDataPlane();
        var provider = new ApiKeyProvider(dataPlane);

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = "wat" }, null!);

        (await act.Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("providerName");
        dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Provider_name_over_128_characters_fails()
    {
        var dataPlane = new RecordingDataPlane();
        var provider = new ApiKeyProvider(dataPlane);

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = "wat" }, new string('p', 129));

        var error = (await act.Should().ThrowAsync<ArgumentException>()).Which;
        error.Message.Should().Contain("1 to 128");
        error.ParamName.Should().Be("providerName");
        dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Provider_name_of_128_characters_is_sent()
    {
        var dataPlane = new RecordingDataPlane();
        var provider = new ApiKeyProvider(dataPlane);
        var name = new string('p', 128);

        await provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = "wat" }, name);

        dataPlane.Requests.Should().ContainSingle().Which.Should().Be(new GetResourceApiKeyRequest("wat", name));
    }
}
