namespace AgentCoreIdentity.IntegrationTests;

public class WorkloadAccessTokenClientTests : SecretScanningTest
{
    [Test]
    public async Task Token_for_user_id_works_with_providers()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var client = new WorkloadAccessTokenClient(environment.CreateOptions());

        var context = await client.GetWorkloadAccessTokenForUserIdAsync(EmulatorEnvironment.WorkloadName, "user-42");
        Scan.Register(context.WorkloadAccessToken!, "minted workload access token");
        var key = await new ApiKeyProvider(environment.CreateOptions()).GetApiKeyAsync(context, EmulatorEnvironment.ProviderName);

        key.Should().Be(environment.ApiKey);
        context.UserId.Should().Be("user-42");
        environment.Emulator.FindWorkloadAccessToken(context.WorkloadAccessToken!)!.UserId.Should().Be("user-42");
        var mint = environment.Emulator.ReceivedRequests[0];
        mint.Path.Should().Be("/identities/GetWorkloadAccessTokenForUserId");
        mint.Body.Should().Be("{\"workloadName\":\"test-agent\",\"userId\":\"user-42\"}");
    }

    [Test]
    public async Task Token_for_jwt_keeps_user_token()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var client = new WorkloadAccessTokenClient(environment.CreateOptions());
        var jwt = Scan.Register("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLTEifQ.c2ln", "user JWT");

        var context = await client.GetWorkloadAccessTokenForJwtAsync(EmulatorEnvironment.WorkloadName, jwt);

        context.UserToken.Should().Be(jwt);
        context.ToString().Should().NotContain(jwt).And.NotContain(context.WorkloadAccessToken!);
        environment.Emulator.ReceivedRequests.Single().Path.Should().Be("/identities/GetWorkloadAccessTokenForJWT");
    }

    [Test]
    public async Task Token_without_user_is_minted()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var client = new WorkloadAccessTokenClient(environment.CreateOptions());

        var context = await client.GetWorkloadAccessTokenAsync(EmulatorEnvironment.WorkloadName);

        context.WorkloadAccessToken.Should().NotBeNullOrEmpty();
        environment.Emulator.ReceivedRequests.Single().Body.Should().Be("{\"workloadName\":\"test-agent\"}");
    }

    [Test]
    public async Task Unknown_workload_is_not_found()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var client = new WorkloadAccessTokenClient(environment.CreateOptions());

        var act = () => client.GetWorkloadAccessTokenForUserIdAsync("missing-agent", "user-1");

        (await act.Should().ThrowAsync<IdentityResourceNotFoundException>()).Which.Message.Should().Contain("'missing-agent'");
    }

    [TestCase("ab")]
    [TestCase("has space")]
    public async Task Invalid_workload_name_sends_nothing(string name)
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var client = new WorkloadAccessTokenClient(environment.CreateOptions());

        var act = () => client.GetWorkloadAccessTokenForUserIdAsync(name, "user-1");

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("workloadName");
        environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }
}
