using System.Net;
using System.Net.Http.Headers;
using AgentCoreIdentity.SampleAgent;
using AgentCoreIdentity.SampleAgent.Demo;
using static AgentCoreIdentity.IntegrationTests.OAuth2Setup;

namespace AgentCoreIdentity.IntegrationTests;

public class OAuth2DemoTests : SecretScanningTest
{
    /// <summary>Hooks that register every secret the demo creates with the scan and route its logs there.</summary>
    private DemoObserver Observer => new()
    {
        OnSecret = (value, label) => Scan.Register(value, label),
        ConfigureLogging = Scan.ConfigureLogging,
    };

    [TestCase(DemoScenario.M2M, "== OAuth2 M2M ==", "GetResourceOauth2Token")]
    [TestCase(DemoScenario.UserFederation, "== OAuth2 user federation ==", "CompleteResourceTokenAuth")]
    public async Task Oauth2_demo_succeeds_without_secrets(DemoScenario scenario, string section, string operation)
    {
        using var output = new StringWriter();

        var exitCode = await new DemoCommand(output, scenario, Observer).RunAsync();

        var text = output.ToString();
        Scan.Inspect("demo output", text);
        exitCode.Should().Be(0, text);
        text.Should().Contain(section).And.Contain(operation).And.Contain("Demo succeeded");
        text.Should().NotContain("== API key ==");
        text.Should().NotContain("m2m_").And.NotContain("ya29_").And.NotContain("/consent/").And.NotContain("emulated-wat.").And.NotContain("eyJ");
    }

    [Test]
    public async Task Full_demo_runs_three_sections()
    {
        using var output = new StringWriter();

        var exitCode = await new DemoCommand(output, DemoScenario.All, Observer).RunAsync();

        var text = output.ToString();
        Scan.Inspect("demo output", text);
        exitCode.Should().Be(0, text);
        text.IndexOf("== API key ==", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("== OAuth2 M2M ==", StringComparison.Ordinal));
        text.IndexOf("== OAuth2 M2M ==", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("== OAuth2 user federation ==", StringComparison.Ordinal));
        text.Should().Contain("from the 'WorkloadAccessToken' header").And.Contain("Another user who opened the return URL got HTTP 403");
    }

    [Test]
    public async Task Return_url_needs_session_and_user()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        await using var agent = await SampleAgentHost.StartAsync(new SampleAgentSettings { Port = 0 }, environment.Configure, Scan.ConfigureLogging);
        using var browser = new HttpClient { BaseAddress = agent.Endpoint };

        using var noSession = await browser.GetAsync("oauth2/callback");
        using var noUser = await browser.GetAsync("oauth2/callback?session_id=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc");

        noSession.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        noUser.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        environment.Emulator.ReceivedRequests.Should().BeEmpty();
    }

    [Test]
    public async Task Return_url_rejects_unknown_session()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        await using var agent = await SampleAgentHost.StartAsync(new SampleAgentSettings { Port = 0 }, environment.Configure, Scan.ConfigureLogging);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(agent.Endpoint, "oauth2/callback?session_id=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", UserJwt1);
        using var browser = new HttpClient();

        using var response = await browser.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain(AgentCoreIdentityErrorCodes.InvalidOAuth2Session).And.NotContain(UserJwt1);
        environment.Emulator.ReceivedRequests.Single().Operation.Should().Be("CompleteResourceTokenAuth");
    }
}
