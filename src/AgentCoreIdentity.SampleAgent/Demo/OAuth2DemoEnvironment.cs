using System.Security.Cryptography;
using AgentCoreIdentity.Emulator;
using AgentCoreIdentity.SampleAgent.OAuth2;

namespace AgentCoreIdentity.SampleAgent.Demo;

/// <summary>
/// The servers of an OAuth2 demo, all on loopback: an Identity emulator with an M2M and a user-federation provider
/// whose tokens are random, and the sample agent, whose return URL is registered on the workload identity.
/// </summary>
internal sealed class OAuth2DemoEnvironment : IAsyncDisposable
{
    public const string WorkloadName = "sample-agent";

    // The demo user consents at once, so a short interval keeps the demo quick; the default is 5 seconds.
    private static readonly TimeSpan ConsentPollingInterval = TimeSpan.FromMilliseconds(200);

    private readonly DemoEmulator _emulator;

    private OAuth2DemoEnvironment(DemoEmulator emulator, SampleAgentHost agent, string m2mToken, string userToken)
    {
        _emulator = emulator;
        Agent = agent;
        M2MToken = m2mToken;
        UserToken = userToken;
        Identity = emulator.CreateOptions();
        Identity.ConsentPollingInterval = ConsentPollingInterval;
    }

    public IdentityEmulator Emulator => _emulator.Emulator;

    public SampleAgentHost Agent { get; }

    /// <summary>Options that point the SDK at the emulator.</summary>
    public AgentCoreIdentityOptions Identity { get; }

    /// <summary>Token of the M2M provider; the demo checks its length and never prints it.</summary>
    public string M2MToken { get; }

    /// <summary>Token of the user-federation provider.</summary>
    public string UserToken { get; }

    /// <summary>The agent's return URL, registered on the workload identity.</summary>
    public Uri CallbackUrl => new(Agent.Endpoint, OAuth2Routes.CallbackPath.TrimStart('/'));

    public static async Task<OAuth2DemoEnvironment> StartAsync(DemoObserver observer, CancellationToken cancellationToken)
    {
        var emulator = await DemoEmulator.StartAsync(observer, cancellationToken);
        var settings = new SampleAgentSettings { Port = 0 };
        var m2mToken = observer.Secret("m2m_" + RandomNumberGenerator.GetHexString(32, lowercase: true), "M2M access token");
        var userToken = observer.Secret("ya29_" + RandomNumberGenerator.GetHexString(32, lowercase: true), "user-federation access token");
        emulator.Emulator.AddOAuth2Provider(settings.M2MProviderName, m2mToken);
        emulator.Emulator.AddOAuth2Provider(settings.UserFederationProviderName, userToken);

        void ConfigureIdentity(AgentCoreIdentityOptions options)
        {
            emulator.Configure(options);
            options.ConsentPollingInterval = ConsentPollingInterval;
        }

        SampleAgentHost agent;
        try
        {
            agent = await SampleAgentHost.StartAsync(settings, ConfigureIdentity, observer.ConfigureLogging, cancellationToken);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        var environment = new OAuth2DemoEnvironment(emulator, agent, m2mToken, userToken);
        emulator.Emulator.AddWorkloadIdentity(WorkloadName, [environment.CallbackUrl.AbsoluteUri]);
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        await _emulator.DisposeAsync();
    }
}
