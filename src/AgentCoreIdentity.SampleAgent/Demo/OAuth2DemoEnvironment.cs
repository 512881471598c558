using System.Security.Cryptography;
using AgentCoreIdentity.Emulator;
using AgentCoreIdentity.SampleAgent.OAuth2;
using Amazon.Runtime;

namespace AgentCoreIdentity.SampleAgent.Demo;

/// <summary>
/// The servers of an OAuth2 demo, all on loopback: an Identity emulator with an M2M and a user-federation provider
/// whose tokens are random, and the sample agent, whose return URL is registered on the workload identity.
/// </summary>
internal sealed class OAuth2DemoEnvironment : IAsyncDisposable
{
    public const string WorkloadName = "sample-agent";

    private OAuth2DemoEnvironment(IdentityEmulator emulator, SampleAgentHost agent, AgentCoreIdentityOptions identity, string m2mToken, string userToken)
    {
        Emulator = emulator;
        Agent = agent;
        Identity = identity;
        M2MToken = m2mToken;
        UserToken = userToken;
    }

    public IdentityEmulator Emulator { get; }

    public SampleAgentHost Agent { get; }

    /// <summary>Options that point the SDK at the emulator.</summary>
    public AgentCoreIdentityOptions Identity { get; }

    /// <summary>Token of the M2M provider; the demo checks its length and never prints it.</summary>
    public string M2MToken { get; }

    /// <summary>Token of the user-federation provider.</summary>
    public string UserToken { get; }

    /// <summary>The agent's return URL, registered on the workload identity.</summary>
    public Uri CallbackUrl => new(Agent.Endpoint, OAuth2Routes.CallbackPath.TrimStart('/'));

    public static async Task<OAuth2DemoEnvironment> StartAsync(CancellationToken cancellationToken)
    {
        var accessKeyId = "AKIADEMO" + RandomNumberGenerator.GetHexString(12);
        var secretAccessKey = RandomNumberGenerator.GetHexString(40, lowercase: true);
        var emulatorOptions = new IdentityEmulatorOptions();
        emulatorOptions.AccessKeys.Add(new EmulatorAccessKey { AccessKeyId = accessKeyId, SecretAccessKey = secretAccessKey });
        var emulator = await IdentityEmulator.StartAsync(emulatorOptions, cancellationToken);

        var settings = new SampleAgentSettings { Port = 0 };
        var m2mToken = "m2m_" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        var userToken = "ya29_" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        emulator.AddOAuth2Provider(settings.M2MProviderName, m2mToken);
        emulator.AddOAuth2Provider(settings.UserFederationProviderName, userToken);

        var identity = new AgentCoreIdentityOptions
        {
            Endpoint = emulator.Endpoint,
            Region = emulator.Region,
            Credentials = new BasicAWSCredentials(accessKeyId, secretAccessKey),
            // The demo user consents at once, so a short interval keeps the demo quick; the default is 5 seconds.
            ConsentPollingInterval = TimeSpan.FromMilliseconds(200),
        };

        void ConfigureIdentity(AgentCoreIdentityOptions options)
        {
            options.Endpoint = identity.Endpoint;
            options.Region = identity.Region;
            options.Credentials = identity.Credentials;
            options.ConsentPollingInterval = identity.ConsentPollingInterval;
        }

        var agent = await SampleAgentHost.StartAsync(settings, ConfigureIdentity, cancellationToken: cancellationToken);
        var environment = new OAuth2DemoEnvironment(emulator, agent, identity, m2mToken, userToken);
        emulator.AddWorkloadIdentity(WorkloadName, [environment.CallbackUrl.AbsoluteUri]);
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
