using System.Security.Cryptography;
using AgentCoreIdentity.Emulator;
using Amazon.Runtime;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// An emulator on 127.0.0.1 with a fresh random access key, a workload identity and an API-key provider, plus
/// the SDK options that point at it. Given a <see cref="SecretScan"/>, it registers its secret access key, session
/// token, API key and every token it issues, and routes the SDK's logging of the options it creates into the scan.
/// </summary>
public sealed class EmulatorEnvironment : IAsyncDisposable
{
    public const string WorkloadName = "test-agent";
    public const string ProviderName = "github-api-key";

    private EmulatorEnvironment(IdentityEmulator emulator, EmulatorAccessKey key, string apiKey, SecretScan? scan)
    {
        Emulator = emulator;
        AccessKey = key;
        ApiKey = apiKey;
        Scan = scan;
    }

    /// <summary>The scan that this environment's secrets are registered with, if any.</summary>
    public SecretScan? Scan { get; }

    public IdentityEmulator Emulator { get; }

    public EmulatorAccessKey AccessKey { get; }

    /// <summary>The key stored in <see cref="ProviderName"/>.</summary>
    public string ApiKey { get; }

    /// <summary>Starts an emulator whose access key is denied the given IAM actions.</summary>
    /// <param name="scan">The test's scan, which gets every secret of the environment.</param>
    /// <param name="deniedActions">IAM actions the access key may not perform.</param>
    /// <param name="sessionToken">Session token of temporary credentials, if any.</param>
    /// <param name="configure">Changes other emulator settings, such as its clock or the token lifetime.</param>
    public static async Task<EmulatorEnvironment> StartAsync(
        SecretScan? scan = null,
        IReadOnlyCollection<string>? deniedActions = null,
        string? sessionToken = null,
        Action<IdentityEmulatorOptions>? configure = null)
    {
        var key = new EmulatorAccessKey
        {
            AccessKeyId = "AKIATEST" + RandomNumberGenerator.GetHexString(12),
            SecretAccessKey = RandomNumberGenerator.GetHexString(40),
            SessionToken = sessionToken,
            DeniedActions = deniedActions ?? [],
        };
        var options = new IdentityEmulatorOptions();
        options.AccessKeys.Add(key);
        configure?.Invoke(options);

        var emulator = await IdentityEmulator.StartAsync(options);
        var apiKey = "ghp_" + RandomNumberGenerator.GetHexString(36);
        emulator.AddWorkloadIdentity(WorkloadName);
        emulator.AddApiKeyProvider(ProviderName, apiKey);

        scan?.Register(key.SecretAccessKey, "secret access key");
        scan?.Register(apiKey, "API key");
        if (sessionToken is not null)
        {
            scan?.Register(sessionToken, "session token");
        }

        return new EmulatorEnvironment(emulator, key, apiKey, scan);
    }

    public AWSCredentials Credentials => AccessKey.SessionToken is null
        ? new BasicAWSCredentials(AccessKey.AccessKeyId, AccessKey.SecretAccessKey)
        : new SessionAWSCredentials(AccessKey.AccessKeyId, AccessKey.SecretAccessKey, AccessKey.SessionToken);

    /// <summary>Points SDK options at the emulator with this environment's credentials.</summary>
    public void Configure(AgentCoreIdentityOptions options)
    {
        options.Endpoint = Emulator.Endpoint;
        options.Region = Emulator.Region;
        options.Credentials = Credentials;
        options.LoggerFactory = Scan?.LoggerFactory;
    }

    public AgentCoreIdentityOptions CreateOptions()
    {
        var options = new AgentCoreIdentityOptions();
        Configure(options);
        return options;
    }

    /// <summary>Mints a token as AgentCore Runtime would for an invocation.</summary>
    public string IssueToken(string? userId = "user-1")
    {
        var token = Emulator.IssueWorkloadAccessToken(WorkloadName, userId);
        Scan?.Register(token, "workload access token");
        return token;
    }

    public async ValueTask DisposeAsync() => await Emulator.DisposeAsync();
}
