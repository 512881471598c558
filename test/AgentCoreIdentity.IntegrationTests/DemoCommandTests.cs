using AgentCoreIdentity.SampleAgent.Demo;

namespace AgentCoreIdentity.IntegrationTests;

public class DemoCommandTests : SecretScanningTest
{
    /// <summary>Hooks that register every secret the demo creates with the scan and route its logs there.</summary>
    private DemoObserver Observer => new()
    {
        OnSecret = (value, label) => Scan.Register(value, label),
        ConfigureLogging = Scan.ConfigureLogging,
    };

    [Test]
    public async Task Demo_succeeds_without_printing_secrets()
    {
        using var output = new StringWriter();

        var exitCode = await new DemoCommand(output, DemoScenario.ApiKey, Observer).RunAsync();

        var text = output.ToString();
        Scan.Inspect("demo output", text);
        exitCode.Should().Be(0, text);
        text.Should().Contain("Demo succeeded");
        text.Should().Contain("from the 'WorkloadAccessToken' header");
        text.Should().NotContain("ghp_").And.NotContain("emulated-wat.");
        Scan.Logs.GetSnapshot().Should().Contain(record => record.Category == "AgentCoreIdentity.Calls", "the SDK's logs reach the scan");
    }

    [Test]
    public async Task Demo_reports_every_secret_it_creates()
    {
        var labels = new List<string>();
        var observer = new DemoObserver
        {
            OnSecret = (value, label) =>
            {
                labels.Add(label);
                Scan.Register(value, label);
            },
            ConfigureLogging = Scan.ConfigureLogging,
        };
        using var output = new StringWriter();

        var exitCode = await new DemoCommand(output, DemoScenario.All, observer).RunAsync();

        var text = output.ToString();
        Scan.Inspect("demo output", text);
        exitCode.Should().Be(0, text);
        text.Should().Contain("Demo succeeded");
        text.Should().NotContain("ghp_").And.NotContain("emulated-wat.");
        labels.Should().Contain(["API key", "secret access key", "workload access token", "M2M access token",
            "user-federation access token", "demo user's JWT", "other user's JWT", "authorization URL"]);
    }
}
