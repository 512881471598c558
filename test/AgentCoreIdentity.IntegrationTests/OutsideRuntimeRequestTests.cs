namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// Outside AgentCore Runtime, the application names its workload identity and user. Each way of minting a token sends
/// exactly the one data-plane request it names, with no lookup or creation of the workload identity before it, and
/// none after a 404 either.
/// </summary>
public class OutsideRuntimeRequestTests : SecretScanningTest
{
    private const string UserId = "user-42";
    private const string UserJwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnLWVjcw";

    private EmulatorEnvironment _environment = null!;
    private WorkloadAccessTokenClient _client = null!;

    [SetUp]
    public async Task StartEmulator()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        _client = new WorkloadAccessTokenClient(_environment.CreateOptions());
        Scan.Register(UserJwt, "user JWT");
    }

    [TearDown]
    public async Task StopEmulator() => await _environment.DisposeAsync();

    /// <summary>A way of minting: the call, the operation it must send, and that operation's exact body for a workload name.</summary>
    public sealed record MintCase(
        string Name,
        Func<WorkloadAccessTokenClient, string, Task<AgentCoreRequestContext>> Mint,
        string Operation,
        Func<string, string> Body)
    {
        public override string ToString() => Name;
    }

    private static IEnumerable<MintCase> MintCases()
    {
        const string ForUserId = "GetWorkloadAccessTokenForUserId";
        const string ForJwt = "GetWorkloadAccessTokenForJWT";
        const string Plain = "GetWorkloadAccessToken";
        static string UserIdBody(string workload) => $"{{\"workloadName\":\"{workload}\",\"userId\":\"{UserId}\"}}";
        static string JwtBody(string workload) => $"{{\"workloadName\":\"{workload}\",\"userToken\":\"{UserJwt}\"}}";
        static string PlainBody(string workload) => $"{{\"workloadName\":\"{workload}\"}}";

        yield return new("for user id", (client, name) => client.GetWorkloadAccessTokenForUserIdAsync(name, UserId), ForUserId, UserIdBody);
        yield return new("for JWT", (client, name) => client.GetWorkloadAccessTokenForJwtAsync(name, UserJwt), ForJwt, JwtBody);
        yield return new("for the agent alone", (client, name) => client.GetWorkloadAccessTokenAsync(name), Plain, PlainBody);
        yield return new(
            "for a context with a JWT",
            (client, name) => client.GetWorkloadAccessTokenForContextAsync(name, new AgentCoreRequestContext { UserToken = UserJwt, UserId = UserId }),
            ForJwt,
            JwtBody);
        yield return new(
            "for a context with a user id",
            (client, name) => client.GetWorkloadAccessTokenForContextAsync(name, new AgentCoreRequestContext { UserId = UserId }),
            ForUserId,
            UserIdBody);
        yield return new(
            "for a context without a user",
            (client, name) => client.GetWorkloadAccessTokenForContextAsync(name, new AgentCoreRequestContext()),
            Plain,
            PlainBody);
    }

    [TestCaseSource(nameof(MintCases))]
    public async Task Mint_sends_one_named_request(MintCase mint)
    {
        var context = await mint.Mint(_client, EmulatorEnvironment.WorkloadName);
        Scan.Register(context.WorkloadAccessToken!, "minted workload access token");

        var request = _environment.Emulator.ReceivedRequests.Should().ContainSingle().Which;
        request.Operation.Should().Be(mint.Operation);
        request.Path.Should().Be("/identities/" + mint.Operation);
        request.Body.Should().Be(mint.Body(EmulatorEnvironment.WorkloadName));
        request.SignatureValid.Should().BeTrue();
        request.StatusCode.Should().Be(200);
    }

    [TestCaseSource(nameof(MintCases))]
    public async Task Minted_context_works_with_provider(MintCase mint)
    {
        var context = await mint.Mint(_client, EmulatorEnvironment.WorkloadName);
        Scan.Register(context.WorkloadAccessToken!, "minted workload access token");

        var key = await new ApiKeyProvider(_environment.CreateOptions()).GetApiKeyAsync(context, EmulatorEnvironment.ProviderName);

        key.Should().Be(_environment.ApiKey);
        _environment.Emulator.ReceivedRequests.Select(request => request.Operation).Should().Equal(mint.Operation, "GetResourceApiKey");
        _environment.Emulator.ReceivedRequests[1].WorkloadAccessToken.Should().Be(context.WorkloadAccessToken);
    }

    [TestCaseSource(nameof(MintCases))]
    public async Task Unknown_workload_is_not_created(MintCase mint)
    {
        var act = () => mint.Mint(_client, "unregistered-agent");

        var error = (await act.Should().ThrowAsync<IdentityResourceNotFoundException>()).Which;
        error.Message.Should().Contain("'unregistered-agent'");
        var request = _environment.Emulator.ReceivedRequests.Should().ContainSingle("a missing workload identity is reported, never created").Which;
        request.Operation.Should().Be(mint.Operation);
        request.StatusCode.Should().Be(404);
        request.Body.Should().Be(mint.Body("unregistered-agent"));
    }
}
