using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Tests;

public class ForwardedHeaderRulesTests
{
    [Test]
    public void Platform_headers_are_not_forwarded()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary
        {
            ["Authorization"] = "Bearer aaa.bbb.ccc",
            ["X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant"] = "t1",
            ["X-Api-Key"] = "k",
            ["X-Custom-Signature"] = "s",
            ["X-Amz-Date"] = "20260101T000000Z",
            ["X-Amzn-Trace-Id"] = "Root=1-x",
            ["Cookie"] = "a=b",
            ["Host"] = "localhost:8080",
            ["User-Agent"] = "test",
            [AgentCoreHeaderNames.WorkloadAccessToken] = "wat",
            [AgentCoreHeaderNames.IdentityWorkloadAccessToken] = "wat",
            [AgentCoreHeaderNames.OAuth2CallbackUrl] = "https://app.example.com/cb",
            [AgentCoreHeaderNames.SessionId] = new string('s', 40),
        });

        context.ForwardedHeaders.Keys.Should().BeEquivalentTo(
            "Authorization", "X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant", "X-Api-Key", "X-Custom-Signature");
        context.ForwardedHeaders["x-api-key"].Should().Be("k");
        context.ForwardedHeaders["X-AMZN-BEDROCK-AGENTCORE-RUNTIME-CUSTOM-TENANT"].Should().Be("t1");
    }

    [Test]
    public void Repeated_forwarded_values_are_joined()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary { ["X-Tags"] = new(["a", "b"]) });

        context.ForwardedHeaders["X-Tags"].Should().Be("a, b");
    }

    [Test]
    public void Forwarded_value_with_line_break_is_rejected()
    {
        var act = () => AgentCoreRequestContext.FromHeaders(new HeaderDictionary { ["X-Custom"] = "a\r\nInjected: b" });

        act.Should().Throw<InvalidRequestHeaderException>().Which.HeaderName.Should().Be("X-Custom");
    }
}
