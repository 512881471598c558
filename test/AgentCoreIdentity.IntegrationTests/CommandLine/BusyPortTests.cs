using System.Net;
using System.Net.Sockets;

namespace AgentCoreIdentity.IntegrationTests.CommandLine;

public class BusyPortTests : SecretScanningTest
{
    // Settings that let the sample agent build its Identity client without the AWS default chains. Nothing is called.
    private static readonly Dictionary<string, string> OfflineAws = new()
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIAEXAMPLEEXAMPLE01",
        ["AWS_SECRET_ACCESS_KEY"] = "example-secret-access-key",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["BEDROCK_AGENTCORE_DP_ENDPOINT"] = "http://127.0.0.1:9",
    };

    private TcpListener _occupant = null!;

    private int BusyPort => ((IPEndPoint)_occupant.LocalEndpoint).Port;

    [SetUp]
    public void OccupyPort()
    {
        Scan.Register(OfflineAws["AWS_SECRET_ACCESS_KEY"], "secret access key");
        _occupant = new TcpListener(IPAddress.Loopback, 0);
        _occupant.Start();
    }

    [TearDown]
    public void ReleasePort() => _occupant.Dispose();

    [TestCase("plain")]
    [TestCase("runtime")]
    public async Task Sample_agent_reports_busy_port(string style)
    {
        var result = await ProgramRun.RunAsync(
            "AgentCoreIdentity.SampleAgent.dll", OfflineAws, "--style", style, "--port", BusyPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Scan.Inspect("standard output", result.StandardOutput);
        Scan.Inspect("standard error", result.StandardError);

        result.ExitCode.Should().Be(2, result.StandardError + result.StandardOutput);
        result.StandardError.Should().Be(
            $"The sample agent could not listen on 127.0.0.1:{BusyPort} because that address is already in use. Choose another port with --port.{Environment.NewLine}");
        result.StandardOutput.Should().BeEmpty("a failed start is reported once, without a stack trace");
    }

    [Test]
    public async Task Emulator_reports_busy_port()
    {
        var result = await ProgramRun.RunAsync(
            "AgentCoreIdentity.Emulator.dll", new Dictionary<string, string>(), "--port", BusyPort.ToString(System.Globalization.CultureInfo.InvariantCulture));

        result.ExitCode.Should().Be(2, result.StandardError + result.StandardOutput);
        var lines = result.StandardError.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle();
        lines[0].Should().Contain($"127.0.0.1:{BusyPort}").And.Contain("address already in use").And.Contain("--port");
        result.StandardOutput.Should().BeEmpty("a failed start is reported once, without a stack trace");
    }
}
