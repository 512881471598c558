using System.Text;
using AgentCoreIdentity.DataPlane;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Tests;

public class WorkloadAccessTokenClientTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnLTE";

    private static string Body(IdentityRequest request) => Encoding.UTF8.GetString(JsonWriting.Serialize(request));

    [Test]
    public async Task User_id_mint_sends_one_request()
    {
        var dataPlane = new RecordingDataPlane();

        var context = await new WorkloadAccessTokenClient(dataPlane).GetWorkloadAccessTokenForUserIdAsync("order-agent", "user-7");

        var request = dataPlane.Requests.Should().ContainSingle().Which;
        request.Operation.Should().Be(IdentityOperation.GetWorkloadAccessTokenForUserId);
        Body(request).Should().Be("{\"workloadName\":\"order-agent\",\"userId\":\"user-7\"}");
        context.WorkloadAccessToken.Should().Be("minted-token");
        context.UserId.Should().Be("user-7");
        context.UserToken.Should().BeNull();
    }

    [Test]
    public async Task Jwt_mint_keeps_user_token()
    {
        var dataPlane = new RecordingDataPlane();

        var context = await new WorkloadAccessTokenClient(dataPlane).GetWorkloadAccessTokenForJwtAsync("order-agent", Jwt);

        Body(dataPlane.Requests.Single()).Should().Be($"{{\"workloadName\":\"order-agent\",\"userToken\":\"{Jwt}\"}}");
        context.UserToken.Should().Be(Jwt);
        context.ToString().Should().NotContain(Jwt).And.NotContain("minted-token");
    }

    [Test]
    public async Task Context_mint_prefers_bearer_jwt()
    {
        var dataPlane = new RecordingDataPlane();
        var inbound = AgentCoreRequestContext.FromHeaders(new HeaderDictionary
        {
            ["Authorization"] = "Bearer " + Jwt,
            [AgentCoreHeaderNames.UserId] = "user-1",
            [AgentCoreHeaderNames.OAuth2CallbackUrl] = "https://agent.example.com/cb",
        });

        var context = await new WorkloadAccessTokenClient(dataPlane).GetWorkloadAccessTokenForContextAsync("order-agent", inbound);

        dataPlane.Requests.Single().Operation.Should().Be(IdentityOperation.GetWorkloadAccessTokenForJwt);
        context.WorkloadAccessToken.Should().Be("minted-token");
        context.WorkloadAccessTokenHeader.Should().BeNull();
        context.UserToken.Should().Be(Jwt);
        context.OAuth2CallbackUrl.Should().Be(new Uri("https://agent.example.com/cb"));
        context.RequestId.Should().Be(inbound.RequestId);
    }

    [Test]
    public async Task Context_mint_uses_user_id()
    {
        var dataPlane = new RecordingDataPlane();

        await new WorkloadAccessTokenClient(dataPlane).GetWorkloadAccessTokenForContextAsync("order-agent", new AgentCoreRequestContext { UserId = "user-9" });

        Body(dataPlane.Requests.Single()).Should().Be("{\"workloadName\":\"order-agent\",\"userId\":\"user-9\"}");
    }

    [Test]
    public async Task Context_mint_without_user_is_anonymous()
    {
        var dataPlane = new RecordingDataPlane();

        await new WorkloadAccessTokenClient(dataPlane).GetWorkloadAccessTokenForContextAsync("order-agent", new AgentCoreRequestContext());

        Body(dataPlane.Requests.Single()).Should().Be("{\"workloadName\":\"order-agent\"}");
    }

    [Test]
    public async Task Long_user_id_sends_nothing()
    {
        var dataPlane = new RecordingDataPlane();

        var act = () => new WorkloadAccessTokenClient(dataPlane).GetWorkloadAccessTokenForUserIdAsync("order-agent", new string('u', 129));

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("userId");
        dataPlane.Requests.Should().BeEmpty();
    }
}
