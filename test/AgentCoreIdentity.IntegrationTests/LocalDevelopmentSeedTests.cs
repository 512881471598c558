using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentCoreIdentity.Emulator;
using AgentCoreIdentity.SampleAgent;
using AgentCoreIdentity.SampleAgent.CommandLine;
using AgentCoreIdentity.SampleAgent.Jobs;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// Runs the flows of docs/local-development.md against an emulator seeded from the repository's seed file and the
/// sample agent started with the page's options, on free ports in place of 8090 and 8080.
/// </summary>
public class LocalDevelopmentSeedTests : SecretScanningTest
{
    private const string ExampleKey = "example-key";

    private IdentityEmulator _emulator = null!;
    private RunningSampleAgent _running = null!;
    private HttpClient _agent = null!;
    private HttpClient _signed = null!;

    private static string SeedPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "src", "AgentCoreIdentity.SampleAgent", "emulator-seed.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} contains the sample agent's emulator-seed.json.");
    }

    [SetUp]
    public async Task StartServers()
    {
        var seed = EmulatorSeed.Load(SeedPath());
        var options = new IdentityEmulatorOptions();
        seed.ApplyTo(options);
        _emulator = await IdentityEmulator.StartAsync(options);
        _emulator.Seed(seed);
        var key = seed.AccessKeys.Single();
        Scan.Register(key.SecretAccessKey, "seeded secret access key");
        Scan.Register(ExampleKey, "seeded API key");
        var credentials = new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey);

        var arguments = SampleAgentArguments.Parse(["--port", "0", "--tool-key", ExampleKey]);
        _running = await RunningSampleAgent.StartAsync(
            arguments,
            identity =>
            {
                identity.Endpoint = _emulator.Endpoint;
                identity.Region = _emulator.Region;
                identity.Credentials = credentials;
                identity.LoggerFactory = Scan.LoggerFactory;
            },
            Scan.ConfigureLogging);
        _agent = new HttpClient { BaseAddress = _running.Agent.Endpoint };
        _signed = new HttpClient(new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(_emulator.Region), "bedrock-agentcore", new SocketsHttpHandler()))
        {
            BaseAddress = _emulator.Endpoint,
        };
    }

    [TearDown]
    public async Task StopServers()
    {
        _signed.Dispose();
        _agent.Dispose();
        await _running.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    private async Task<string> MintForUserAsync()
    {
        using var response = await _signed.PostAsJsonAsync("identities/GetWorkloadAccessTokenForUserId", new { workloadName = "my-agent", userId = "user-1" });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workloadAccessToken").GetString()!;
        return Scan.Register(token, "minted workload access token");
    }

    [Test]
    public void Seed_registers_default_return_url()
    {
        new SampleAgentSettings().Port.Should().Be(8080, "the seed registers the return URL of the agent's default port");
        File.ReadAllText(SeedPath()).Should().Contain("\"http://127.0.0.1:8080/oauth2/callback\"");
    }

    [Test]
    public async Task Api_key_job_calls_built_in_tool()
    {
        var token = await MintForUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "invocations")
        {
            Content = JsonContent.Create(new { prompt = "summarise open pull requests", worker = "thread" }),
        };
        request.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, token);

        using var response = await _agent.SendAsync(request);
        var accepted = (await response.Content.ReadFromJsonAsync<SampleAgentApp.InvocationAccepted>())!;
        var outcome = (await _agent.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}?waitSeconds=10"))!;

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        outcome.Status.Should().Be("Succeeded");
        outcome.Provider.Should().Be("github-api-key");
        outcome.ApiKeyLength.Should().Be(ExampleKey.Length);
        outcome.Tool!.StatusCode.Should().Be(200);
        outcome.Tool.OpenPullRequests.Should().Be(3);
    }

    [Test]
    public async Task M2m_route_gets_seeded_token()
    {
        var token = await MintForUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/m2m");
        request.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, token);

        using var response = await _agent.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"provider":"inventory-m2m","flow":"M2M","tokenLength":17,"sessionUri":null}""");
    }
}
