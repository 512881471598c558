using AgentCoreIdentity.Emulator;
using Amazon.Runtime;

namespace AgentCoreIdentity.IntegrationTests;

public class EmulatorSeedTests : SecretScanningTest
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("emulator-seed-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string WriteSeed(string json)
    {
        var path = Path.Combine(_directory, "seed.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public async Task Seed_file_configures_emulator()
    {
        var seed = EmulatorSeed.Load(WriteSeed("""
            {
              // comments and trailing commas are allowed
              "region": "eu-west-1",
              "accountId": "444455556666",
              "accessKeys": [{ "accessKeyId": "AKIASEED", "secretAccessKey": "seed-secret", "deniedActions": [] }],
              "workloadIdentities": [{ "name": "seeded-agent", "allowedResourceOauth2ReturnUrls": ["https://app.example.com/cb"] }],
              "apiKeyCredentialProviders": [{ "name": "seeded-provider", "apiKey": "seeded-key" }],
            }
            """));
        var options = new IdentityEmulatorOptions();
        seed.ApplyTo(options);
        await using var emulator = await IdentityEmulator.StartAsync(options);
        emulator.Seed(seed);
        Scan.Register("seed-secret", "seeded secret access key");
        Scan.Register("seeded-key", "seeded API key");
        var identity = new AgentCoreIdentityOptions
        {
            LoggerFactory = Scan.LoggerFactory,
            Endpoint = emulator.Endpoint,
            Region = "eu-west-1",
            Credentials = new BasicAWSCredentials("AKIASEED", "seed-secret"),
        };

        var context = await new WorkloadAccessTokenClient(identity).GetWorkloadAccessTokenForUserIdAsync("seeded-agent", "user-1");
        var key = await new ApiKeyProvider(identity).GetApiKeyAsync(context, "seeded-provider");

        key.Should().Be("seeded-key");
        emulator.Region.Should().Be("eu-west-1");
        emulator.AccountId.Should().Be("444455556666");
    }

    [Test]
    public void Unknown_member_names_the_line()
    {
        var path = WriteSeed("{\n  \"region\": \"us-east-1\",\n  \"apiKeyProviders\": []\n}");

        var act = () => EmulatorSeed.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*line 3*");
    }

    [Test]
    public void Missing_file_is_named_as_seed_file()
    {
        var path = Path.Combine(_directory, "absent.json");

        var act = () => EmulatorSeed.Load(path);

        act.Should().Throw<FileNotFoundException>().WithMessage($"The seed file '{path}' was not found*").Which.FileName.Should().Be(path);
    }

    [Test]
    public void Invalid_value_gives_one_line_number()
    {
        var path = WriteSeed("{\n  \"region\": 5\n}");

        var act = () => EmulatorSeed.Load(path);

        act.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("line 2, byte 14").And.NotContain("LineNumber");
    }

    [Test]
    public void Seed_printing_hides_api_keys()
    {
        new SeedApiKeyProvider("p", "secret-api-key").ToString().Should().NotContain("secret-api-key");
        new EmulatorAccessKey { AccessKeyId = "AKIA", SecretAccessKey = "secret-access-key" }.ToString().Should().NotContain("secret-access-key");
    }
}
