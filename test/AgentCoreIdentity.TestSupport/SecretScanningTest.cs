using NUnit.Framework;

namespace AgentCoreIdentity.TestSupport;

/// <summary>
/// Base class that gives each test a fresh <see cref="SecretScan"/> and fails the test when a secret it registered
/// shows up in a log record, an SDK exception, an activity tag or a metric tag.
/// </summary>
/// <example>
/// <code>
/// public class MyTests : SecretScanningTest
/// {
///     [Test]
///     public async Task Key_is_fetched()
///     {
///         // The environment registers its keys and every token it issues with the scan.
///         await using var environment = await EmulatorEnvironment.StartAsync(Scan);
///         var provider = new ApiKeyProvider(environment.CreateOptions());   // logs go into Scan.Logs
///         Scan.Register(userJwt, "user JWT");                               // anything else the test uses
///         ...
///     }
/// }
/// </code>
/// With dependency injection, call <c>Scan.AddLogging(services)</c> to route the container's logging into the scan.
/// </example>
public abstract class SecretScanningTest
{
    private SecretScan? _scan;

    /// <summary>The scan of the running test.</summary>
    protected SecretScan Scan => _scan ?? throw new InvalidOperationException("The secret scan exists only while a test runs.");

    [SetUp]
    public void StartSecretScan() => _scan = new SecretScan();

    [TearDown]
    public void CheckSecretScan()
    {
        if (_scan is null)
        {
            return;
        }

        IReadOnlyList<string> leaks;
        try
        {
            leaks = _scan.FindLeaks();
        }
        finally
        {
            _scan.Dispose();
            _scan = null;
        }

        if (leaks.Count > 0)
        {
            Assert.Fail("Secrets leaked:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
        }
    }
}
