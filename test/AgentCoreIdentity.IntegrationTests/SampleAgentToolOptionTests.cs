using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentCoreIdentity.SampleAgent;
using AgentCoreIdentity.SampleAgent.CommandLine;
using AgentCoreIdentity.SampleAgent.Demo;
using AgentCoreIdentity.SampleAgent.Jobs;
using AgentCoreIdentity.SampleAgent.Runtime;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// Both styles of the sample agent with no tool API and with the built-in one from <c>--tool-key</c> or
/// <c>SAMPLE_TOOL_KEY</c>: the key is always fetched, and a request without a token always fails with ACI1001.
/// </summary>
public class SampleAgentToolOptionTests : SecretScanningTest
{
    private EmulatorEnvironment _environment = null!;

    [SetUp]
    public async Task StartEmulator() => _environment = await EmulatorEnvironment.StartAsync(Scan);

    [TearDown]
    public async Task StopEmulator() => await _environment.DisposeAsync();

    private Task<SampleAgentHost> StartAgentAsync(SampleAgentStyle style) => SampleAgentHost.StartAsync(
        new SampleAgentSettings { Port = 0, ApiKeyProviderName = EmulatorEnvironment.ProviderName, Style = style },
        _environment.Configure,
        Scan.ConfigureLogging);

    private HttpRequestMessage Invocation(Uri agent, string body, bool withToken = true)
    {
        var invocation = PlatformInvocation.LoadEmbedded() with { Body = body };
        invocation = withToken ? invocation.WithWorkloadAccessToken(_environment.IssueToken()) : invocation.WithoutWorkloadAccessToken();
        return invocation.ToHttpRequest(agent);
    }

    private int KeyRequests() => _environment.Emulator.ReceivedRequests.Count(request => request.Operation == "GetResourceApiKey");

    [Test]
    public async Task Runtime_without_tool_still_fetches_key()
    {
        await using var agent = await StartAgentAsync(SampleAgentStyle.Runtime);
        using var http = new HttpClient();

        using var response = await http.SendAsync(Invocation(agent.Endpoint, """{"prompt":"summarise"}"""));
        var raw = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, raw);
        var result = JsonSerializer.Deserialize(raw, RuntimeSampleJsonContext.Default.RuntimeInvocationResponse)!;
        result.Status.Should().Be("Succeeded");
        result.ApiKeyLength.Should().Be(_environment.ApiKey.Length);
        result.Tool!.StatusCode.Should().BeNull();
        result.Tool.Note.Should().Contain("(--tool-url, --tool-key or SAMPLE_TOOL_KEY)");
        raw.Should().Contain("\"statusCode\":null");
        KeyRequests().Should().Be(1);
    }

    [Test]
    public async Task Runtime_without_tool_or_token_gets_500_C3()
    {
        await using var agent = await StartAgentAsync(SampleAgentStyle.Runtime);
        using var http = new HttpClient();

        using var response = await http.SendAsync(Invocation(agent.Endpoint, """{"prompt":"summarise"}""", withToken: false));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetString().Should().Be(AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken);
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [Test]
    public async Task Runtime_background_job_without_tool_fetches_key()
    {
        await using var agent = await StartAgentAsync(SampleAgentStyle.Runtime);
        using var http = new HttpClient { BaseAddress = agent.Endpoint };

        using var response = await http.SendAsync(Invocation(agent.Endpoint, """{"background":true}"""));
        var accepted = (await response.Content.ReadFromJsonAsync(RuntimeSampleJsonContext.Default.RuntimeInvocationResponse))!;
        var outcome = (await http.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}?waitSeconds=30"))!;

        outcome.Status.Should().Be("Succeeded");
        outcome.ApiKeyLength.Should().Be(_environment.ApiKey.Length);
        outcome.Tool!.StatusCode.Should().BeNull();
        KeyRequests().Should().Be(1);
    }

    [Test]
    public async Task Runtime_rejects_plain_style_worker_field()
    {
        await using var agent = await StartAgentAsync(SampleAgentStyle.Runtime);
        using var http = new HttpClient();

        using var response = await http.SendAsync(Invocation(agent.Endpoint, """{"prompt":"summarise","worker":"thread"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetString().Should().Be("InvalidJson");
        body.RootElement.GetProperty("message").GetString().Should().Contain("the unknown field 'worker'")
            .And.Contain("The fields are 'prompt', 'repository' and 'background'.");
        _environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [Test]
    public async Task Plain_without_tool_reports_null_status()
    {
        await using var agent = await StartAgentAsync(SampleAgentStyle.Plain);
        using var http = new HttpClient { BaseAddress = agent.Endpoint };

        using var response = await http.SendAsync(Invocation(agent.Endpoint, """{"prompt":"summarise"}"""));
        var accepted = (await response.Content.ReadFromJsonAsync<SampleAgentApp.InvocationAccepted>())!;
        var raw = await http.GetStringAsync($"jobs/{accepted.JobId}?waitSeconds=30");

        var outcome = JsonSerializer.Deserialize<JobOutcome>(raw, JsonSerializerOptions.Web)!;
        outcome.Status.Should().Be("Succeeded");
        outcome.ApiKeyLength.Should().Be(_environment.ApiKey.Length);
        outcome.Tool!.StatusCode.Should().BeNull();
        raw.Should().Contain("\"statusCode\":null");
    }

    [TestCase("plain", """{"prompt":"summarise","worker":"thread"}""")]
    [TestCase("runtime", """{"prompt":"summarise"}""")]
    public async Task Tool_key_serves_built_in_tool(string style, string body)
    {
        var arguments = SampleAgentArguments.Parse(["--style", style, "--port", "0", "--provider", EmulatorEnvironment.ProviderName, "--tool-key", _environment.ApiKey]);
        await using var running = await RunningSampleAgent.StartAsync(arguments, _environment.Configure, Scan.ConfigureLogging);
        using var http = new HttpClient { BaseAddress = running.Agent.Endpoint };

        using var response = await http.SendAsync(Invocation(running.Agent.Endpoint, body));
        var raw = await response.Content.ReadAsStringAsync();
        var tool = style == "plain"
            ? (await http.GetFromJsonAsync<JobOutcome>($"jobs/{JsonDocument.Parse(raw).RootElement.GetProperty("jobId").GetString()}?waitSeconds=30"))!.Tool
            : JsonSerializer.Deserialize(raw, RuntimeSampleJsonContext.Default.RuntimeInvocationResponse)!.Tool;

        response.IsSuccessStatusCode.Should().BeTrue(raw);
        tool!.StatusCode.Should().Be(200);
        tool.OpenPullRequests.Should().Be(3);
        running.Tool!.AuthorizedRequests.Should().Be(1);
    }

    [Test]
    public async Task Tool_key_from_environment_serves_built_in_tool()
    {
        var arguments = SampleAgentArguments.Parse(
            ["--port", "0", "--provider", EmulatorEnvironment.ProviderName],
            name => name == SampleAgentArguments.ToolKeyVariable ? _environment.ApiKey : null);
        await using var running = await RunningSampleAgent.StartAsync(arguments, _environment.Configure, Scan.ConfigureLogging);
        using var http = new HttpClient { BaseAddress = running.Agent.Endpoint };

        using var response = await http.SendAsync(Invocation(running.Agent.Endpoint, """{"prompt":"summarise"}"""));
        var accepted = (await response.Content.ReadFromJsonAsync<SampleAgentApp.InvocationAccepted>())!;
        var outcome = (await http.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}?waitSeconds=30"))!;

        arguments.ToolApiKeySource.Should().Be("SAMPLE_TOOL_KEY");
        outcome.Tool!.StatusCode.Should().Be(200);
        running.Tool!.AuthorizedRequests.Should().Be(1);
    }

    [Test]
    public void Tool_key_option_wins_over_environment()
    {
        var arguments = SampleAgentArguments.Parse(["--tool-key", "from-option"], _ => "from-environment");

        arguments.ToolApiKey.Should().Be("from-option");
        arguments.ToolApiKeySource.Should().Be("--tool-key");
    }

    [Test]
    public void Tool_url_ignores_environment_key()
    {
        var arguments = SampleAgentArguments.Parse(["--tool-url", "http://127.0.0.1:9/"], _ => "from-environment");

        arguments.ToolApiKey.Should().BeNull();
        arguments.Settings.ToolBaseUrl.Should().Be(new Uri("http://127.0.0.1:9/"));
    }

    [Test]
    public void Empty_environment_key_is_rejected()
    {
        var act = () => SampleAgentArguments.Parse([], name => name == "SAMPLE_TOOL_KEY" ? string.Empty : null);

        act.Should().Throw<ArgumentException>().WithMessage("The environment variable SAMPLE_TOOL_KEY is set but empty. *");
    }

    [Test]
    public void No_tool_key_without_option_or_environment()
    {
        var arguments = SampleAgentArguments.Parse(["--port", "0"], _ => null);

        arguments.ToolApiKey.Should().BeNull();
        arguments.ToolApiKeySource.Should().BeNull();
    }

    [Test]
    public void Arguments_reject_invalid_provider()
    {
        var act = () => SampleAgentArguments.Parse(["--provider", "bad name"]);

        act.Should().Throw<ArgumentException>().WithMessage("The value of --provider has the character ' ' at position 3. *");
    }

    [Test]
    public void Arguments_reject_tool_url_with_tool_key()
    {
        var act = () => SampleAgentArguments.Parse(["--tool-url", "http://127.0.0.1:9/", "--tool-key", "k"]);

        act.Should().Throw<ArgumentException>().WithMessage("Use either --tool-url*--tool-key*not both.");
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public void Arguments_accept_help(string option)
    {
        SampleAgentArguments.Parse(["--port", "1", option]).ShowHelp.Should().BeTrue();
    }
}
