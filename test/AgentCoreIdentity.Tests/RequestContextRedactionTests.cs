using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Tests;

public class RequestContextRedactionTests
{
    private const string Token = "wat-secret-value-0123456789";
    private const string UserJwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl";

    [Test]
    public void ToString_hides_token_and_user_token()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary
        {
            [AgentCoreHeaderNames.WorkloadAccessToken] = Token,
            ["Authorization"] = "Bearer " + UserJwt,
            [AgentCoreHeaderNames.SessionId] = new string('s', 36),
        });

        var text = context.ToString();

        text.Should().NotContain(Token).And.NotContain(UserJwt);
        text.Should().Contain("WorkloadAccessToken = ***").And.Contain("UserToken = ***");
        text.Should().Contain("Authorization");
    }

    [Test]
    public void ToString_shows_absent_secrets_as_null()
    {
        var text = new AgentCoreRequestContext().ToString();

        text.Should().Contain("WorkloadAccessToken = null").And.Contain("UserToken = null");
    }

    [Test]
    public void With_expression_keeps_redaction()
    {
        var context = new AgentCoreRequestContext { WorkloadAccessToken = Token } with { SessionId = "s" };

        context.ToString().Should().NotContain(Token);
    }

    [Test]
    public void Debugger_display_uses_redacted_text()
    {
        var attribute = typeof(AgentCoreRequestContext).GetCustomAttributes(typeof(DebuggerDisplayAttribute), false)
            .Cast<DebuggerDisplayAttribute>()
            .Single();

        attribute.Value.Should().Be("{ToString(),nq}");
    }

    [Test]
    public void Forwarded_headers_print_names_only()
    {
        var headers = new ForwardedHeaders([new("Authorization", "Bearer " + UserJwt), new("X-Api-Key", "caller-key")]);

        headers.ToString().Should().Be("[Authorization, X-Api-Key]");
    }
}
