using Microsoft.Extensions.Logging;
using static AgentCoreIdentity.Tests.OAuth2.ConsentFixtures;

namespace AgentCoreIdentity.Tests.OAuth2;

/// <summary>
/// Base of the user-consent tests: a fake clock that reports its timers, the consent fixtures' secrets registered with
/// the test's secret scan, and providers whose logs go into that scan.
/// </summary>
public abstract class ConsentScanningTest : SecretScanningTest
{
    protected ObservedTimeProvider Time { get; private set; } = null!;

    [SetUp]
    public void CreateClock()
    {
        RegisterSecrets(Scan);
        Time = new ObservedTimeProvider();
    }

    /// <summary>Creates a provider on <see cref="Time"/> that logs into the scan.</summary>
    private protected AccessTokenProvider Provider(ScriptedDataPlane dataPlane, TimeSpan? interval = null, TimeSpan? timeout = null) =>
        CreateProvider(dataPlane, Time, interval, timeout, Scan.LoggerFactory.CreateLogger<AccessTokenProvider>());
}
