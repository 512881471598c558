using System.Text;
using System.Text.Json;
using AgentCoreIdentity.SampleAgent.Demo;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// Replays the sample's <c>platform-invocation.http</c>, byte for byte and with its own placeholder token, to a plain
/// minimal API over a raw loopback connection, and checks the record that the handler receives.
/// </summary>
public class PlatformInvocationReplayTests : SecretScanningTest
{
    /// <summary>Headers of the file that the record forwards to agent code, in the file's letter case.</summary>
    private static readonly string[] ForwardedNames = ["traceparent", "baggage", "x-amzn-bedrock-agentcore-runtime-custom-tenant", "x-api-key"];

    /// <summary>Headers of the file that carry the workload access token.</summary>
    private static readonly string[] TokenNames = ["workloadaccesstoken", "x-amzn-bedrock-agentcore-runtime-workload-accesstoken"];

    /// <summary>Platform headers of the file (<c>x-amzn-*</c>), which the record reads or drops but never forwards.</summary>
    private static readonly string[] PlatformNames =
        ["x-amzn-bedrock-agentcore-runtime-session-id", "x-amzn-bedrock-agentcore-runtime-request-id", "x-amzn-trace-id"];

    /// <summary>Headers of the file on AgentCore Runtime's restricted list.</summary>
    private static readonly string[] RestrictedNames = ["host", "content-type", "content-length", "user-agent", "accept"];

    private readonly PlatformInvocation _file = PlatformInvocation.LoadEmbedded();
    private MinimalApiAgent _agent = null!;
    private string _token = null!;

    [SetUp]
    public async Task StartAgent()
    {
        _token = Scan.Register(_file.GetHeader(AgentCoreHeaderNames.WorkloadAccessToken)!, "placeholder workload access token");
        _agent = await MinimalApiAgent.StartAsync(useExceptionHandler: true, scan: Scan);
    }

    [TearDown]
    public async Task StopAgent() => await _agent.DisposeAsync();

    /// <summary>
    /// Returns the embedded file as request bytes. HTTP/1.1 ends head lines with CRLF and the file uses LF, so only
    /// those line ends change. Every header line and the body are sent as they are.
    /// </summary>
    private static byte[] ReadFileAsWireBytes()
    {
        using var stream = typeof(PlatformInvocation).Assembly.GetManifestResourceStream("platform-invocation.http")!;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var blankLine = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = text[..blankLine].Replace("\n", "\r\n", StringComparison.Ordinal);
        var body = text[(blankLine + 2)..].TrimEnd('\n');
        return Encoding.UTF8.GetBytes(head + "\r\n\r\n" + body);
    }

    private async Task<(RawHttpResponse Response, AgentCoreRequestContext Context)> ReplayAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await RawHttpExchange.SendAsync(_agent.Endpoint, ReadFileAsWireBytes(), timeout.Token);
        response.StatusCode.Should().Be(200, response.Body);
        Scan.Inspect("response body", response.Body);
        return (response, _agent.ReceivedContexts.Should().ContainSingle().Subject);
    }

    [Test]
    public void Embedded_file_is_consistent()
    {
        _file.GetHeader(AgentCoreHeaderNames.RuntimeWorkloadAccessToken).Should().Be(_token);
        _file.Headers.Select(header => header.Key).Should().BeEquivalentTo(
            [.. ForwardedNames, .. TokenNames, .. PlatformNames, .. RestrictedNames], "every header of the file is checked below");
        _file.GetHeader("content-length").Should().Be(Encoding.UTF8.GetByteCount(_file.Body).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task Replayed_file_gives_token_and_ids()
    {
        var (_, context) = await ReplayAsync();

        context.WorkloadAccessToken.Should().Be(_token);
        context.WorkloadAccessTokenHeader.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken, "WorkloadAccessToken is read before the runtime spelling");
        context.SessionId.Should().Be("8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001");
        context.RequestId.Should().Be("3f1b9a7e-2c4d-4e8f-a6b5-0d9c8e7f6a5b");
        context.IsRequestIdGenerated.Should().BeFalse();
        context.UserId.Should().BeNull();
        context.UserToken.Should().BeNull();
        context.OAuth2CallbackUrl.Should().BeNull();
    }

    [Test]
    public async Task Replayed_file_forwards_exactly_four_headers()
    {
        var (_, context) = await ReplayAsync();

        // Kestrel enumerates the headers it has predefined slots for, such as traceparent and baggage, in its own order.
        context.ForwardedHeaders.Keys.Should().BeEquivalentTo(ForwardedNames, "the names keep the letter case of the file");
        foreach (var name in ForwardedNames)
        {
            var expected = _file.GetHeader(name);
            context.ForwardedHeaders[name].Should().Be(expected);
            context.ForwardedHeaders[name.ToUpperInvariant()].Should().Be(expected, "lookups ignore letter case");
            context.ForwardedHeaders.TryGetValue(TitleCase(name), out var titleCased).Should().BeTrue(TitleCase(name));
            titleCased.Should().Be(expected);
        }
    }

    [TestCaseSource(nameof(UnforwardedHeaders))]
    public async Task Replayed_file_drops_header(string name, string kind)
    {
        var (_, context) = await ReplayAsync();

        context.ForwardedHeaders.ContainsKey(name).Should().BeFalse($"{name} is {kind}");
        context.ForwardedHeaders.ContainsKey(name.ToUpperInvariant()).Should().BeFalse($"{name} is {kind}");
        context.ForwardedHeaders.ContainsKey(TitleCase(name)).Should().BeFalse($"{name} is {kind}");
    }

    [Test]
    public async Task Replayed_file_prints_no_token()
    {
        var (response, context) = await ReplayAsync();

        var printed = context.ToString();
        printed.Should().NotContain(_token).And.Contain("WorkloadAccessToken = ***");
        printed.Should().Contain("WorkloadAccessTokenHeader = WorkloadAccessToken");
        using var view = JsonDocument.Parse(response.Body);
        view.RootElement.GetProperty("printed").GetString().Should().Be(printed);
        response.Body.Should().NotContain(_token);
        _agent.Logs.Lines.Should().Contain(line => line.Contains("Invocation 3f1b9a7e-2c4d-4e8f-a6b5-0d9c8e7f6a5b received", StringComparison.Ordinal)
            && line.Contains("WorkloadAccessToken = ***", StringComparison.Ordinal));
        _agent.Logs.Lines.Should().NotContain(line => line.Contains(_token, StringComparison.Ordinal));
    }

    private static IEnumerable<TestCaseData> UnforwardedHeaders() =>
        TokenNames.Select(name => new TestCaseData(name, "a workload access token header"))
            .Concat(PlatformNames.Select(name => new TestCaseData(name, "an x-amzn-* platform header")))
            .Concat(RestrictedNames.Select(name => new TestCaseData(name, "a restricted header")));

    /// <summary>Returns the name with each dash-separated word capitalized, such as <c>X-Api-Key</c>.</summary>
    private static string TitleCase(string name) =>
        string.Join('-', name.Split('-').Select(word => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]));
}
