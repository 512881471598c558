using System.Security.Cryptography;
using AgentCoreIdentity.Emulator;
using Amazon.Runtime;

namespace AgentCoreIdentity.SampleAgent.Demo;

/// <summary>
/// The Identity emulator of one demo flow on loopback, with a fresh random access key, and the SDK settings that
/// point at it.
/// </summary>
internal sealed class DemoEmulator : IAsyncDisposable
{
    private readonly AWSCredentials _credentials;
    private readonly ILoggerFactory _loggerFactory;

    private DemoEmulator(IdentityEmulator emulator, AWSCredentials credentials, ILoggerFactory loggerFactory)
    {
        Emulator = emulator;
        _credentials = credentials;
        _loggerFactory = loggerFactory;
    }

    public IdentityEmulator Emulator { get; }

    /// <summary>Starts an emulator that accepts only a new random access key, whose secret key goes to the observer.</summary>
    public static async Task<DemoEmulator> StartAsync(DemoObserver observer, CancellationToken cancellationToken)
    {
        var accessKeyId = "AKIADEMO" + RandomNumberGenerator.GetHexString(12);
        var secretAccessKey = observer.Secret(RandomNumberGenerator.GetHexString(40, lowercase: true), "secret access key");
        var options = new IdentityEmulatorOptions();
        options.AccessKeys.Add(new EmulatorAccessKey { AccessKeyId = accessKeyId, SecretAccessKey = secretAccessKey });

        var emulator = await IdentityEmulator.StartAsync(options, cancellationToken);
        return new DemoEmulator(emulator, new BasicAWSCredentials(accessKeyId, secretAccessKey), observer.CreateLoggerFactory());
    }

    /// <summary>Points SDK options at the emulator, with the demo's access key and the observer's logging.</summary>
    public void Configure(AgentCoreIdentityOptions options)
    {
        options.Endpoint = Emulator.Endpoint;
        options.Region = Emulator.Region;
        options.Credentials = _credentials;
        options.LoggerFactory = _loggerFactory;
    }

    public AgentCoreIdentityOptions CreateOptions()
    {
        var options = new AgentCoreIdentityOptions();
        Configure(options);
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        _loggerFactory.Dispose();
    }
}
