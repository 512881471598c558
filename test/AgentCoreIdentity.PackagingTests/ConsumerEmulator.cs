using System.Security.Cryptography;
using System.Text;
using AgentCoreIdentity.Emulator;

namespace AgentCoreIdentity.PackagingTests;

/// <summary>
/// An emulator on 127.0.0.1 with a random access key, a workload identity and an API-key provider, and the
/// environment variables that point the consumer program (test/AgentCoreIdentity.PackageConsumer) at it.
/// </summary>
public sealed class ConsumerEmulator : IAsyncDisposable
{
    public const string WorkloadName = "package-consumer";
    public const string ProviderName = "github-api-key";

    private ConsumerEmulator(IdentityEmulator emulator, EmulatorAccessKey accessKey, string apiKey, string workloadAccessToken)
    {
        Emulator = emulator;
        AccessKey = accessKey;
        ApiKey = apiKey;
        WorkloadAccessToken = workloadAccessToken;
    }

    public IdentityEmulator Emulator { get; }

    public EmulatorAccessKey AccessKey { get; }

    /// <summary>The key stored in <see cref="ProviderName"/>.</summary>
    public string ApiKey { get; }

    /// <summary>A token the emulator issued for <see cref="WorkloadName"/> and the user <c>user-1</c>.</summary>
    public string WorkloadAccessToken { get; }

    /// <summary>The lowercase hex SHA-256 hash of <see cref="ApiKey"/>, which the consumer prints in place of the key.</summary>
    public string ApiKeyHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey)));

    /// <summary>Every secret of this environment; none may appear in the consumer's output.</summary>
    public IReadOnlyList<string> Secrets => [AccessKey.SecretAccessKey, ApiKey, WorkloadAccessToken];

    /// <summary>The settings the consumer program reads.</summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string>
    {
        ["CONSUMER_ENDPOINT"] = Emulator.Endpoint.ToString(),
        ["CONSUMER_REGION"] = Emulator.Region,
        ["CONSUMER_ACCESS_KEY_ID"] = AccessKey.AccessKeyId,
        ["CONSUMER_SECRET_ACCESS_KEY"] = AccessKey.SecretAccessKey,
        ["CONSUMER_WORKLOAD_ACCESS_TOKEN"] = WorkloadAccessToken,
        ["CONSUMER_PROVIDER"] = ProviderName,
    };

    public static async Task<ConsumerEmulator> StartAsync()
    {
        var accessKey = new EmulatorAccessKey
        {
            AccessKeyId = "AKIATEST" + RandomNumberGenerator.GetHexString(12),
            SecretAccessKey = RandomNumberGenerator.GetHexString(40),
        };
        var options = new IdentityEmulatorOptions();
        options.AccessKeys.Add(accessKey);

        var emulator = await IdentityEmulator.StartAsync(options);
        var apiKey = "ghp_" + RandomNumberGenerator.GetHexString(36);
        emulator.AddWorkloadIdentity(WorkloadName);
        emulator.AddApiKeyProvider(ProviderName, apiKey);
        var token = emulator.IssueWorkloadAccessToken(WorkloadName, "user-1");

        return new ConsumerEmulator(emulator, accessKey, apiKey, token);
    }

    /// <summary>Checks the consumer's output and the single signed request the emulator recorded.</summary>
    public void ShouldHaveServedConsumer(ProcessResult run)
    {
        run.ExitCode.Should().Be(0, run.Describe());
        run.StandardOutput.Should().Contain("token-header: WorkloadAccessToken", run.Describe());
        run.StandardOutput.Should().Contain($"api-key-sha256: {ApiKeyHash}", run.Describe());
        foreach (var secret in Secrets)
        {
            run.StandardOutput.Should().NotContain(secret, "the consumer prints no secret");
            run.StandardError.Should().NotContain(secret, "the consumer prints no secret");
        }

        var request = Emulator.ReceivedRequests.Should().ContainSingle().Which;
        request.Operation.Should().Be("GetResourceApiKey");
        request.SignatureValid.Should().BeTrue();
        request.AccessKeyId.Should().Be(AccessKey.AccessKeyId);
        request.WorkloadAccessToken.Should().Be(WorkloadAccessToken);
        request.ProviderName.Should().Be(ProviderName);
        request.StatusCode.Should().Be(200);
        request.Body.Should().Be($"{{\"workloadIdentityToken\":\"{WorkloadAccessToken}\",\"resourceCredentialProviderName\":\"{ProviderName}\"}}");
    }

    public async ValueTask DisposeAsync() => await Emulator.DisposeAsync();
}
