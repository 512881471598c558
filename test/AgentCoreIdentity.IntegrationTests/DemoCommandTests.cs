using AgentCoreIdentity.SampleAgent.Demo;

namespace AgentCoreIdentity.IntegrationTests;

public class DemoCommandTests
{
    [Test]
    public async Task Demo_succeeds_without_printing_secrets()
    {
        using var output = new StringWriter();

        var exitCode = await new DemoCommand(output).RunAsync();

        var text = output.ToString();
        exitCode.Should().Be(0, text);
        text.Should().Contain("Demo succeeded");
        text.Should().Contain("from the 'WorkloadAccessToken' header");
        text.Should().NotContain("ghp_").And.NotContain("emulated-wat.");
    }
}
