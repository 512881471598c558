using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Tests;

public class RequestContextTokenHeaderTests
{
    private const string Token = "AgV4diWPexampleWorkloadAccessToken0123456789abcdefABCDEF==";

    private static IEnumerable<TestCaseData> EverySpellingInEveryCase()
    {
        foreach (var header in AgentCoreHeaderNames.WorkloadAccessTokenHeaders)
        {
            yield return new TestCaseData(header, header).SetName($"Token read from {header} as written");
            yield return new TestCaseData(header.ToLowerInvariant(), header).SetName($"Token read from {header} in lower case");
            yield return new TestCaseData(header.ToUpperInvariant(), header).SetName($"Token read from {header} in upper case");
        }
    }

    [TestCaseSource(nameof(EverySpellingInEveryCase))]
    public void FromHeaders_reads_token_spelling(string wireName, string canonicalName)
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary { [wireName] = Token });

        context.WorkloadAccessToken.Should().Be(Token);
        context.WorkloadAccessTokenHeader.Should().Be(canonicalName);
    }

    [Test]
    public void FromHeaders_without_token_headers_has_no_token()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary
        {
            [AgentCoreHeaderNames.SessionId] = new string('s', 40),
            ["X-Api-Key"] = "k",
        });

        context.WorkloadAccessToken.Should().BeNull();
        context.WorkloadAccessTokenHeader.Should().BeNull();
    }

    [Test]
    public void FromHeaders_same_token_twice_uses_precedence()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary
        {
            ["x-amzn-bedrock-agentcore-runtime-workload-accesstoken"] = Token,
            ["workloadaccesstoken"] = Token,
        });

        context.WorkloadAccessToken.Should().Be(Token);
        context.WorkloadAccessTokenHeader.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken);
    }

    [Test]
    public void FromHeaders_identity_wat_header_wins()
    {
        var context = AgentCoreRequestContext.FromHeaders(new HeaderDictionary
        {
            [AgentCoreHeaderNames.RuntimeWorkloadAccessToken] = Token,
            [AgentCoreHeaderNames.WorkloadAccessToken] = Token,
            [AgentCoreHeaderNames.IdentityWorkloadAccessToken] = Token,
        });

        context.WorkloadAccessTokenHeader.Should().Be(AgentCoreHeaderNames.IdentityWorkloadAccessToken);
    }

    [TestCase(0, 1)]
    [TestCase(0, 2)]
    [TestCase(1, 2)]
    public void FromHeaders_different_tokens_name_both_headers(int first, int second)
    {
        var names = AgentCoreHeaderNames.WorkloadAccessTokenHeaders;
        var headers = new HeaderDictionary
        {
            [names[second]] = "token-from-second-header",
            [names[first]] = "token-from-first-header",
        };

        var act = () => AgentCoreRequestContext.FromHeaders(headers);

        var error = act.Should().Throw<ConflictingRequestHeadersException>().Which;
        error.HeaderNames.Should().Equal(names[first], names[second]);
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.ConflictingRequestHeaders);
        error.Message.Should().Contain(names[first]).And.Contain(names[second]);
        error.Message.Should().NotContain("token-from-first-header").And.NotContain("token-from-second-header");
    }

    [Test]
    public void FromHttpRequest_reads_session_request_and_callback()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[AgentCoreHeaderNames.WorkloadAccessToken] = Token;
        http.Request.Headers[AgentCoreHeaderNames.SessionId] = "8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001";
        http.Request.Headers[AgentCoreHeaderNames.RequestId] = "3f1b9a7e-2c4d-4e8f-a6b5-0d9c8e7f6a5b";
        http.Request.Headers[AgentCoreHeaderNames.OAuth2CallbackUrl] = "https://app.example.com/callback";
        http.Request.Headers[AgentCoreHeaderNames.UserId] = "user-42";

        var context = AgentCoreRequestContext.FromHttpRequest(http.Request);

        context.WorkloadAccessToken.Should().Be(Token);
        context.SessionId.Should().Be("8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001");
        context.RequestId.Should().Be("3f1b9a7e-2c4d-4e8f-a6b5-0d9c8e7f6a5b");
        context.IsRequestIdGenerated.Should().BeFalse();
        context.OAuth2CallbackUrl.Should().Be(new Uri("https://app.example.com/callback"));
        context.UserId.Should().Be("user-42");
    }

    [Test]
    public void FromHeaders_generates_missing_request_id()
    {
        var first = AgentCoreRequestContext.FromHeaders(new HeaderDictionary());
        var second = AgentCoreRequestContext.FromHeaders(new HeaderDictionary());

        first.IsRequestIdGenerated.Should().BeTrue();
        Guid.TryParse(first.RequestId, out _).Should().BeTrue();
        second.RequestId.Should().NotBe(first.RequestId);
    }

    [Test]
    public void FromHeaders_result_holds_no_request_reference()
    {
        var headers = new HeaderDictionary { [AgentCoreHeaderNames.WorkloadAccessToken] = Token };
        var context = AgentCoreRequestContext.FromHeaders(headers);

        headers.Clear();

        context.WorkloadAccessToken.Should().Be(Token);
    }

    [Test]
    public void Hand_built_context_works_without_headers()
    {
        var context = new AgentCoreRequestContext { WorkloadAccessToken = Token, SessionId = "session", RequestId = "request-1" };

        context.WorkloadAccessToken.Should().Be(Token);
        context.RequestId.Should().Be("request-1");
        context.IsRequestIdGenerated.Should().BeFalse();
        context.ForwardedHeaders.Should().BeEmpty();
    }
}
