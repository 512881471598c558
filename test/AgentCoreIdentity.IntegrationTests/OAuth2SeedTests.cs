using AgentCoreIdentity.Emulator;
using Amazon.Runtime;

namespace AgentCoreIdentity.IntegrationTests;

public class OAuth2SeedTests : SecretScanningTest
{
    [Test]
    public async Task Seed_file_adds_oauth2_providers()
    {
        Scan.Register("seed-secret", "secret access key");
        Scan.Register("seeded-token", "seeded access token");
        var directory = Directory.CreateTempSubdirectory("emulator-seed-");
        try
        {
            var path = Path.Combine(directory.FullName, "seed.json");
            await File.WriteAllTextAsync(path, """
                {
                  "accessKeys": [{ "accessKeyId": "AKIASEED", "secretAccessKey": "seed-secret" }],
                  "workloadIdentities": [{ "name": "seeded-agent", "allowedResourceOauth2ReturnUrls": ["https://app.example.com/cb"] }],
                  "oauth2CredentialProviders": [
                    { "name": "seeded-m2m", "accessToken": "seeded-token" },
                    { "name": "broken-m2m", "accessToken": "unused", "upstreamFailureMessage": "Error parsing ClientCredentials response" }
                  ]
                }
                """);
            var seed = EmulatorSeed.Load(path);
            var options = new IdentityEmulatorOptions();
            seed.ApplyTo(options);
            await using var emulator = await IdentityEmulator.StartAsync(options);
            emulator.Seed(seed);
            var identity = new AgentCoreIdentityOptions
            {
                Endpoint = emulator.Endpoint,
                Region = emulator.Region,
                Credentials = new BasicAWSCredentials("AKIASEED", "seed-secret"),
                LoggerFactory = Scan.LoggerFactory,
            };
            var context = await new WorkloadAccessTokenClient(identity).GetWorkloadAccessTokenForUserIdAsync("seeded-agent", "user-1");
            Scan.Register(context.WorkloadAccessToken!, "workload access token");
            var provider = new AccessTokenProvider(identity);

            var result = await provider.GetAccessTokenAsync(context, new AccessTokenRequest { ProviderName = "seeded-m2m", Flow = OAuth2Flow.M2M });
            var broken = () => provider.GetAccessTokenAsync(context, new AccessTokenRequest { ProviderName = "broken-m2m", Flow = OAuth2Flow.M2M });

            result.AccessToken.Should().Be("seeded-token");
            (await broken.Should().ThrowAsync<IdentityValidationException>()).Which.ServiceMessage.Should().Be("Error parsing ClientCredentials response");
            seed.OAuth2CredentialProviders[0].ToString().Should().NotContain("seeded-token");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
