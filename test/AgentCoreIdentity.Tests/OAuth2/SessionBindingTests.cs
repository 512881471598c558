using System.Text;
using AgentCoreIdentity.DataPlane;
using AgentCoreIdentity.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Tests.OAuth2;

public class SessionBindingTests : SecretScanningTest
{
    private const string SessionUri = "urn:ietf:params:oauth:request_uri:c8-session";
    private const string UserJwt1 = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnLTE";

    [SetUp]
    public void RegisterJwt() => Scan.Register(UserJwt1, "user JWT");

    private AccessTokenProvider CreateProvider(ScriptedDataPlane dataPlane) =>
        new(dataPlane, new AgentCoreIdentityOptions(), TimeProvider.System, Scan.LoggerFactory.CreateLogger<AccessTokenProvider>());

    private static HttpRequest CallbackRequest(string query, string? bearer = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/oauth2/callback";
        http.Request.QueryString = new QueryString(query);
        if (bearer is not null)
        {
            http.Request.Headers.Authorization = "Bearer " + bearer;
        }

        return http.Request;
    }

    [Test]
    public async Task Binding_sends_inbound_jwt()
    {
        var dataPlane = new ScriptedDataPlane();
        var request = CallbackRequest("?session_id=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ac8-session", bearer: UserJwt1);

        await CreateProvider(dataPlane).CompleteResourceTokenAuthAsync(
            AgentCoreRequestContext.FromHttpRequest(request), OAuth2CallbackRequest.GetSessionUri(request));

        var body = dataPlane.Bodies.Single();
        body.EnumerateObject().Select(member => member.Name).Should().BeEquivalentTo(["sessionUri", "userIdentifier"]);
        body.GetProperty("sessionUri").GetString().Should().Be(SessionUri);
        var identifier = body.GetProperty("userIdentifier");
        identifier.EnumerateObject().Should().ContainSingle().Which.Name.Should().Be("userToken");
        identifier.GetProperty("userToken").GetString().Should().Be(UserJwt1);
    }

    [Test]
    public async Task Binding_sends_user_id_unchanged()
    {
        const string UserId = " Ädmin@Example.COM/42 ";
        var dataPlane = new ScriptedDataPlane();

        await CreateProvider(dataPlane).CompleteResourceTokenAuthAsync(new AgentCoreRequestContext { UserId = UserId }, SessionUri);

        var identifier = dataPlane.Bodies.Single().GetProperty("userIdentifier");
        identifier.EnumerateObject().Should().ContainSingle().Which.Name.Should().Be("userId");
        identifier.GetProperty("userId").GetString().Should().Be(UserId);
    }

    [Test]
    public async Task Jwt_wins_over_user_id()
    {
        var dataPlane = new ScriptedDataPlane();

        await CreateProvider(dataPlane).CompleteResourceTokenAuthAsync(new AgentCoreRequestContext { UserId = "user-1", UserToken = UserJwt1 }, SessionUri);

        dataPlane.Requests.Single().Should().Be(new CompleteResourceTokenAuthRequest(SessionUri, UserId: null, UserJwt1));
    }

    [Test]
    public async Task Explicit_identifier_matches_official_sdk()
    {
        var dataPlane = new ScriptedDataPlane();

        await CreateProvider(dataPlane).CompleteResourceTokenAuthAsync(
            UserIdentifier.FromUserId("user-42"), "urn:ietf:params:oauth:request_uri:abc");

        Encoding.UTF8.GetString(JsonWriting.Serialize(dataPlane.Requests.Single()))
            .Should().Be(WireFixtures.RequestBody("CompleteResourceTokenAuth"));
    }

    [Test]
    public async Task Context_without_user_sends_nothing()
    {
        var dataPlane = new ScriptedDataPlane();

        var act = () => CreateProvider(dataPlane).CompleteResourceTokenAuthAsync(new AgentCoreRequestContext { WorkloadAccessToken = "wat" }, SessionUri);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("Authorization").And.Contain("UserIdentifier");
        dataPlane.Requests.Should().BeEmpty();
    }

    [TestCase("")]
    [TestCase("c8-session")]
    [TestCase("urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ac8-session")]
    public async Task Invalid_session_uri_sends_nothing(string sessionUri)
    {
        var dataPlane = new ScriptedDataPlane();

        var act = () => CreateProvider(dataPlane).CompleteResourceTokenAuthAsync(UserIdentifier.FromUserId("u"), sessionUri);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("sessionUri");
        dataPlane.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Rejected_session_error_passes_through()
    {
        var rejected = new InvalidOAuth2SessionException("rejected", SessionUri, "userToken");
        var dataPlane = new ScriptedDataPlane { CompleteError = rejected };

        var act = () => CreateProvider(dataPlane).CompleteResourceTokenAuthAsync(UserIdentifier.FromUserToken(UserJwt1), SessionUri);

        (await act.Should().ThrowAsync<InvalidOAuth2SessionException>()).Which.Should().BeSameAs(rejected);
    }

    [TestCase("?session_id=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ac8-session")]
    [TestCase("?state=x&session_id=urn:ietf:params:oauth:request_uri:c8-session")]
    public void Callback_helper_decodes_session(string query)
    {
        OAuth2CallbackRequest.GetSessionUri(CallbackRequest(query)).Should().Be(SessionUri);
        OAuth2CallbackRequest.GetSessionUri(new Uri("https://agent.example.com/oauth2/callback" + query)).Should().Be(SessionUri);
        OAuth2CallbackRequest.TryGetSessionUri(CallbackRequest(query), out var sessionUri).Should().BeTrue();
        sessionUri.Should().Be(SessionUri);
    }

    [TestCase("", "missing")]
    [TestCase("?session_id=", "missing")]
    [TestCase("?session_id=a&session_id=b", "2 times")]
    [TestCase("?session_id=not-a-session", "not a session URI")]
    public void Callback_helper_rejects_bad_query(string query, string reason)
    {
        var act = () => OAuth2CallbackRequest.GetSessionUri(CallbackRequest(query));

        var error = act.Should().Throw<InvalidOAuth2CallbackRequestException>().Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.InvalidOAuth2CallbackRequest);
        error.Reason.Should().Contain(reason);
        error.Message.Should().Contain("session_id");
        OAuth2CallbackRequest.TryGetSessionUri(CallbackRequest(query), out _).Should().BeFalse();
    }

    [Test]
    public void Identifier_ToString_hides_jwt()
    {
        UserIdentifier.FromUserToken(UserJwt1).ToString().Should().NotContain(UserJwt1).And.Contain("UserToken");
        UserIdentifier.FromUserId("user-42").ToString().Should().Contain("user-42");
    }

    [Test]
    public void Identifier_rejects_long_user_id()
    {
        var act = () => UserIdentifier.FromUserId(new string('u', 129));

        act.Should().Throw<ArgumentException>().WithMessage("*128*");
    }
}
