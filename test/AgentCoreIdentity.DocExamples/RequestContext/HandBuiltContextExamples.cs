using AgentCoreIdentity;
using NUnit.Framework;

namespace DocExamples.RequestContext;

/// <summary>
/// The unit-test example of docs/request-context.md. <c>DocumentationExampleTests</c> in the Tests project derives
/// from this class, so NUnit runs these tests there.
/// </summary>
public class HandBuiltContextExamples
{
    // Agent code under test: it reads only what the context carries.
    public static class TenantGreeting
    {
        public static string For(AgentCoreRequestContext context) =>
            context.ForwardedHeaders.TryGetValue("X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant", out var tenant)
                ? $"Hello, {tenant} ({context.UserId})"
                : "Hello";
    }

    [Test]
    public void Greeting_names_tenant()
    {
        var context = new AgentCoreRequestContext
        {
            WorkloadAccessToken = "test-token",
            SessionId = "test-session-0000000000000000000000000001",
            RequestId = "request-1",
            UserId = "user-42",
            ForwardedHeaders = new ForwardedHeaders([new("X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant", "t1")]),
        };

        Assert.That(TenantGreeting.For(context), Is.EqualTo("Hello, t1 (user-42)"));
    }

    [Test]
    public void Context_from_header_pairs()
    {
        var context = AgentCoreRequestContext.FromHeaders(
        [
            new("WorkloadAccessToken", "test-token"),
            new("X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant", "t1"),
        ]);

        Assert.That(context.WorkloadAccessTokenHeader, Is.EqualTo("WorkloadAccessToken"));
    }
}
