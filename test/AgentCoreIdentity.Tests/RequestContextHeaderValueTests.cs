using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AgentCoreIdentity.Tests;

public class RequestContextHeaderValueTests
{
    private const string SessionId = "8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001";

    private static InvalidRequestHeaderException Reject(string name, StringValues value)
    {
        var act = () => AgentCoreRequestContext.FromHeaders(new HeaderDictionary { [name] = value });
        return act.Should().Throw<InvalidRequestHeaderException>().Which;
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Empty_token_is_rejected(string value)
    {
        var error = Reject(AgentCoreHeaderNames.WorkloadAccessToken, value);

        error.HeaderName.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken);
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.InvalidRequestHeader);
        error.Message.Should().Contain("empty");
    }

    [Test]
    public void Repeated_token_is_rejected()
    {
        var error = Reject(AgentCoreHeaderNames.IdentityWorkloadAccessToken, new StringValues(["token-one", "token-two"]));

        error.Message.Should().Contain("2 times").And.NotContain("token-one").And.NotContain("token-two");
    }

    [TestCase("abc\r\ndef")]
    [TestCase("abc\u0000def")]
    [TestCase("abc\u007fdef")]
    public void Control_character_in_token_is_rejected(string value)
    {
        var error = Reject(AgentCoreHeaderNames.WorkloadAccessToken, value);

        error.Message.Should().Contain("control character").And.Contain("position 3");
    }

    [Test]
    public void Oversize_token_is_rejected()
    {
        var error = Reject(AgentCoreHeaderNames.WorkloadAccessToken, new string('a', 131_073));

        error.Message.Should().Contain("131073").And.Contain("131072");
    }

    [Test]
    public void Token_at_maximum_length_is_accepted()
    {
        var token = new string('a', 131_072);

        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary { [AgentCoreHeaderNames.WorkloadAccessToken] = token });

        context.WorkloadAccessToken.Should().HaveLength(131_072);
    }

    [TestCase("too-short")]
    [TestCase("a2345678901234567890123456789012")]
    public void Short_session_id_is_rejected(string value)
    {
        var error = Reject(AgentCoreHeaderNames.SessionId, value);

        error.Message.Should().Contain("33 to 256");
    }

    [Test]
    public void Session_id_of_33_characters_is_accepted()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary { [AgentCoreHeaderNames.SessionId] = new string('a', 33) });

        context.SessionId.Should().HaveLength(33);
    }

    [TestCase("/relative/callback")]
    [TestCase("ftp://files.example.com/callback")]
    [TestCase("not a url")]
    [TestCase("file:///etc/passwd")]
    [TestCase("https:///no-host")]
    public void Invalid_callback_url_is_rejected(string value)
    {
        var error = Reject(AgentCoreHeaderNames.OAuth2CallbackUrl, value);

        error.HeaderName.Should().Be(AgentCoreHeaderNames.OAuth2CallbackUrl);
    }

    [Test]
    public void Bearer_authorization_becomes_user_token()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary
        {
            ["authorization"] = "bearer aaa.bbb.ccc",
            [AgentCoreHeaderNames.SessionId] = SessionId,
        });

        context.UserToken.Should().Be("aaa.bbb.ccc");
        context.ForwardedHeaders["Authorization"].Should().Be("bearer aaa.bbb.ccc");
    }

    [Test]
    public void Bearer_without_token_is_rejected()
    {
        var error = Reject("Authorization", "Bearer");

        error.HeaderName.Should().Be("Authorization");
    }

    [Test]
    public void Basic_authorization_is_forwarded_only()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary { ["Authorization"] = "Basic dXNlcjpwYXNz" });

        context.UserToken.Should().BeNull();
        context.ForwardedHeaders.Should().ContainKey("authorization");
    }

    [Test]
    public void Long_user_id_is_rejected()
    {
        var error = Reject(AgentCoreHeaderNames.UserId, new string('u', 129));

        error.Message.Should().Contain("128");
    }

    [Test]
    public void Callback_url_is_read()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary { ["oauth2callbackurl"] = " http://localhost:8081/oauth2/callback " });

        context.OAuth2CallbackUrl.Should().Be(new Uri("http://localhost:8081/oauth2/callback"));
        context.ForwardedHeaders.Should().BeEmpty();
    }

    [Test]
    public void Oversize_callback_url_is_rejected()
    {
        var error = Reject(AgentCoreHeaderNames.OAuth2CallbackUrl, "https://app.example.com/" + new string('a', 2048));

        error.Message.Should().Contain("2048");
    }

    [Test]
    public void Oversize_session_id_is_rejected()
    {
        var error = Reject(AgentCoreHeaderNames.SessionId, new string('s', 257));

        error.Message.Should().Contain("257").And.Contain("256");
    }

    [Test]
    public void Repeated_session_id_is_rejected()
    {
        var error = Reject(AgentCoreHeaderNames.SessionId, new StringValues([SessionId, SessionId]));

        error.HeaderName.Should().Be(AgentCoreHeaderNames.SessionId);
    }

    [TestCase("tok\u00e9n")]
    [TestCase("tok\u2028en")]
    public void Non_ascii_token_is_rejected(string value)
    {
        var error = Reject(AgentCoreHeaderNames.IdentityWorkloadAccessToken, value);

        error.Message.Should().Contain("outside visible ASCII").And.Contain("position 3");
    }

    [Test]
    public void Token_with_space_is_rejected()
    {
        var error = Reject(AgentCoreHeaderNames.WorkloadAccessToken, "two parts");

        error.Message.Should().Contain("space");
    }

    [Test]
    public void Surrounding_whitespace_is_trimmed()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary { [AgentCoreHeaderNames.WorkloadAccessToken] = " \ttoken\t " });

        context.WorkloadAccessToken.Should().Be("token");
    }

    [Test]
    public void Repeated_authorization_is_rejected()
    {
        var error = Reject("Authorization", new StringValues(["Bearer a.b.c", "Bearer d.e.f"]));

        error.Message.Should().NotContain("a.b.c").And.NotContain("d.e.f");
    }

    [Test]
    public void Bearer_token_with_space_is_rejected()
    {
        var error = Reject("Authorization", "Bearer a.b.c extra");

        error.HeaderName.Should().Be("Authorization (bearer token)");
        error.Message.Should().NotContain("a.b.c");
    }

    [Test]
    public void Oversize_bearer_token_is_rejected()
    {
        var error = Reject("Authorization", "Bearer " + new string('j', 131_073));

        error.Message.Should().Contain("131072");
    }

    [Test]
    public void Empty_forwarded_value_is_kept()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary { ["X-Empty"] = string.Empty });

        context.ForwardedHeaders["X-Empty"].Should().BeEmpty();
    }

    [TestCase("X-Amz-Date\u0000")]
    [TestCase("Host\u00e9")]
    public void Malformed_restricted_name_is_rejected(string name)
    {
        var error = Reject(name, "v");

        error.HeaderName.Should().Contain("\\u00");
    }

    [Test]
    public void Look_alike_letter_is_not_authorization()
    {
        // U+0131 (dotless i) upper-cases to 'I', so only an ASCII-only comparison keeps this name from matching.
        var error = Reject("Author\u0131zation", "Bearer a.b.c");

        error.HeaderName.Should().Be("Author\\u0131zation");
    }
}
