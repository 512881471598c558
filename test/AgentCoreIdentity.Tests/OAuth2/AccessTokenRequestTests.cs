using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Tests.OAuth2;

public class AccessTokenRequestTests : SecretScanningTest
{
    private static readonly AccessTokenRequest Valid = new()
    {
        ProviderName = "google",
        Flow = OAuth2Flow.UserFederation,
        Scopes = ["openid"],
        CallbackUrl = new Uri("https://app.example.com/cb"),
    };

    private static IEnumerable<TestCaseData> InvalidRequests()
    {
        yield return new TestCaseData(Valid with { Scopes = [""] }, "Scopes[0]").SetName("Empty scope is rejected");
        yield return new TestCaseData(Valid with { Scopes = [new string('s', 129)] }, "Scopes[0]").SetName("Long scope is rejected");
        yield return new TestCaseData(Valid with { Scopes = null! }, "Scopes").SetName("Null scopes are rejected");
        yield return new TestCaseData(Valid with { Resources = [""] }, "Resources[0]").SetName("Empty resource is rejected");
        yield return new TestCaseData(Valid with { Audiences = [new string('a', 2049)] }, "Audiences[0]").SetName("Long audience is rejected");
        yield return new TestCaseData(Valid with { CustomState = "" }, "CustomState").SetName("Empty custom state is rejected");
        yield return new TestCaseData(Valid with { CustomState = new string('c', 4097) }, "CustomState").SetName("Long custom state is rejected");
        yield return new TestCaseData(Valid with { CustomParameters = new Dictionary<string, string> { ["bad key"] = "v" } }, "'bad key'").SetName("Custom parameter key with space is rejected");
        yield return new TestCaseData(Valid with { CustomParameters = new Dictionary<string, string> { ["k"] = "" } }, "CustomParameters['k']").SetName("Empty custom parameter is rejected");
        yield return new TestCaseData(Valid with { CallbackUrl = new Uri("/cb", UriKind.Relative) }, "CallbackUrl").SetName("Relative callback URL is rejected");
        yield return new TestCaseData(Valid with { CallbackUrl = new Uri("ftp://app.example.com/cb") }, "CallbackUrl").SetName("Ftp callback URL is rejected");
        yield return new TestCaseData(Valid with { Flow = OAuth2Flow.M2M, SessionUri = "urn:ietf:params:oauth:request_uri:a" }, "USER_FEDERATION").SetName("Session with M2M is rejected");
        yield return new TestCaseData(Valid with { ForceAuthentication = true, SessionUri = "urn:ietf:params:oauth:request_uri:a" }, "ForceAuthentication").SetName("Force with session is rejected");
        yield return new TestCaseData(Valid with { SessionUri = "urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aa" }, "URL-decoded").SetName("Encoded session URI is rejected");
        yield return new TestCaseData(Valid with { CallbackUrl = null }, "OAuth2CallbackUrl").SetName("User federation without return URL is rejected");
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public async Task Invalid_request_sends_nothing(AccessTokenRequest request, string named)
    {
        var dataPlane = new ScriptedDataPlane();
        var provider = new AccessTokenProvider(dataPlane, new AgentCoreIdentityOptions(), TimeProvider.System, Scan.LoggerFactory.CreateLogger<AccessTokenProvider>());

        var act = () => provider.GetAccessTokenAsync(new AgentCoreRequestContext { WorkloadAccessToken = "wat" }, request);

        var error = (await act.Should().ThrowAsync<ArgumentException>()).Which;
        error.Message.Should().Contain(named);
        dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Rejected_parameter_value_is_not_printed()
    {
        var provider = new AccessTokenProvider(new ScriptedDataPlane(), new AgentCoreIdentityOptions(), TimeProvider.System, Scan.LoggerFactory.CreateLogger<AccessTokenProvider>());
        var secret = Scan.Register("secret-" + new string('v', 2048), "custom parameter value");

        var act = () => provider.GetAccessTokenAsync(
            new AgentCoreRequestContext { WorkloadAccessToken = "wat" },
            Valid with { CustomParameters = new Dictionary<string, string> { ["login_hint"] = secret } });

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().NotContain("secret-").And.Contain("login_hint");
    }

    [Test]
    public void ToString_hides_state_and_parameter_values()
    {
        var request = Valid with
        {
            CustomState = Scan.Register("csrf-secret", "custom state"),
            CustomParameters = new Dictionary<string, string> { ["login_hint"] = "alice@example.com" },
        };

        var text = request.ToString();

        text.Should().NotContain("csrf-secret").And.NotContain("alice@example.com");
        text.Should().Contain("login_hint").And.Contain("google").And.Contain("USER_FEDERATION").And.Contain("https://app.example.com/cb");
    }

    [TestCase("M2M")]
    [TestCase("USER_FEDERATION")]
    [TestCase("ON_BEHALF_OF_TOKEN_EXCHANGE")]
    public void Flow_parses_service_values(string value)
    {
        var flow = OAuth2Flow.Parse(value);

        flow.Value.Should().Be(value);
        flow.Should().BeSameAs(OAuth2Flow.All.Single(candidate => candidate.Value == value));
    }

    [TestCase("CLIENT_CREDENTIALS")]
    [TestCase("m2m")]
    [TestCase("")]
    public void Flow_rejects_other_values(string value)
    {
        var act = () => OAuth2Flow.Parse(value);

        act.Should().Throw<ArgumentException>().WithMessage("*M2M, USER_FEDERATION or ON_BEHALF_OF_TOKEN_EXCHANGE*");
        OAuth2Flow.TryParse(value, out _).Should().BeFalse();
    }
}
