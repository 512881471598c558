// Fetches one API key through the public API of AgentCoreIdentity and prints the key's SHA-256 hash, never the key.
// The settings come from environment variables, so that no secret appears on a command line:
//   CONSUMER_ENDPOINT                 Identity endpoint, such as an emulator on 127.0.0.1
//   CONSUMER_REGION                   region that requests are signed for
//   CONSUMER_ACCESS_KEY_ID            access key id that signs the requests
//   CONSUMER_SECRET_ACCESS_KEY        its secret access key
//   CONSUMER_WORKLOAD_ACCESS_TOKEN    value of the WorkloadAccessToken request header
//   CONSUMER_PROVIDER                 name of the API-key credential provider
// Exit codes: 0 on success, 1 on an AgentCoreIdentityException, 2 when a setting is missing.
using System.Security.Cryptography;
using System.Text;
using AgentCoreIdentity;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

string endpoint, region, accessKeyId, secretAccessKey, token, provider;
try
{
    endpoint = Setting("CONSUMER_ENDPOINT");
    region = Setting("CONSUMER_REGION");
    accessKeyId = Setting("CONSUMER_ACCESS_KEY_ID");
    secretAccessKey = Setting("CONSUMER_SECRET_ACCESS_KEY");
    token = Setting("CONSUMER_WORKLOAD_ACCESS_TOKEN");
    provider = Setting("CONSUMER_PROVIDER");
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// Binding from configuration runs the library's generated binder. Credentials can only be set in code.
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AgentCoreIdentity:Region"] = region,
        ["AgentCoreIdentity:Endpoint"] = endpoint,
    })
    .Build();
var services = new ServiceCollection();
services.AddAgentCoreIdentity(configuration.GetSection(AgentCoreIdentityOptions.ConfigurationSectionName));
services.Configure<AgentCoreIdentityOptions>(options => options.Credentials = new BasicAWSCredentials(accessKeyId, secretAccessKey));

await using var serviceProvider = services.BuildServiceProvider();
var apiKeys = serviceProvider.GetRequiredService<ApiKeyProvider>();
var context = AgentCoreRequestContext.FromHeaders([new KeyValuePair<string, string>("WorkloadAccessToken", token)]);

try
{
    var key = await apiKeys.GetApiKeyAsync(context, provider);
    Console.WriteLine($"token-header: {context.WorkloadAccessTokenHeader}");
    Console.WriteLine($"api-key-sha256: {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}");
    return 0;
}
catch (AgentCoreIdentityException ex)
{
    Console.Error.WriteLine($"{ex.Code}: {ex.Message}");
    return 1;
}

static string Setting(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"The environment variable {name} is missing. Set it before running the program.");
