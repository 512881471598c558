using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Tests;

/// <summary>The sources for hosts without ASP.NET Core: <see cref="HttpHeaders"/> and name/value pairs.</summary>
public class RequestContextSourceTests
{
    private const string Token = "AgV4diWPexampleWorkloadAccessToken0123456789abcdefABCDEF==";
    private const string SessionId = "8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001";
    private const string RequestId = "3f1b9a7e-2c4d-4e8f-a6b5-0d9c8e7f6a5b";

    /// <summary>The header lines of one platform invocation, as AgentCore Runtime delivers it.</summary>
    private static readonly KeyValuePair<string, string>[] PlatformInvocation =
    [
        new("host", "127.0.0.1:8080"),
        new("user-agent", "Amazon-Bedrock-AgentCore-Runtime/1.0"),
        new("accept", "application/json"),
        new("x-amzn-bedrock-agentcore-runtime-session-id", SessionId),
        new("x-amzn-bedrock-agentcore-runtime-request-id", RequestId),
        new("workloadaccesstoken", Token),
        new("x-amzn-bedrock-agentcore-runtime-workload-accesstoken", Token),
        new("x-amzn-trace-id", "Root=1-6754a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1"),
        new("traceparent", "00-6754a1b20123456789abcdef01234567-53995c3f42cd8ad8-01"),
        new("baggage", "session.id=" + SessionId),
        new("x-amzn-bedrock-agentcore-runtime-custom-tenant", "tenant-a"),
        new("x-api-key", "caller-supplied-key-not-a-secret-of-ours"),
    ];

    private static HttpRequestHeaders ToHttpHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        using var message = new HttpRequestMessage();
        foreach (var (name, value) in headers)
        {
            message.Headers.TryAddWithoutValidation(name, value).Should().BeTrue($"'{name}' is a request header");
        }

        return message.Headers;
    }

    private static HeaderDictionary ToHeaderDictionary(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary.Append(name, value);
        }

        return dictionary;
    }

    private static void ShouldBePlatformContext(AgentCoreRequestContext context)
    {
        context.WorkloadAccessToken.Should().Be(Token);
        context.WorkloadAccessTokenHeader.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken);
        context.SessionId.Should().Be(SessionId);
        context.RequestId.Should().Be(RequestId);
        context.IsRequestIdGenerated.Should().BeFalse();
        context.ForwardedHeaders.Keys.Should().Equal("traceparent", "baggage", "x-amzn-bedrock-agentcore-runtime-custom-tenant", "x-api-key");
        context.ForwardedHeaders["X-Api-Key"].Should().Be("caller-supplied-key-not-a-secret-of-ours");
    }

    [Test]
    public void Pairs_read_platform_invocation()
    {
        ShouldBePlatformContext(AgentCoreRequestContext.FromHeaders(PlatformInvocation));
    }

    [Test]
    public void HttpHeaders_read_platform_invocation()
    {
        ShouldBePlatformContext(AgentCoreRequestContext.FromHeaders(ToHttpHeaders(PlatformInvocation)));
    }

    [Test]
    public void Every_source_builds_equal_values()
    {
        var fromPairs = AgentCoreRequestContext.FromHeaders(PlatformInvocation);
        var fromHttpHeaders = AgentCoreRequestContext.FromHeaders(ToHttpHeaders(PlatformInvocation));
        var fromDictionary = AgentCoreRequestContext.FromHeaders(ToHeaderDictionary(PlatformInvocation));

        fromHttpHeaders.Should().BeEquivalentTo(fromPairs);
        fromDictionary.Should().BeEquivalentTo(fromPairs);
    }

    [TestCase("X-Amz-Bedrock-AgentCore-Identity-WAT")]
    [TestCase("workloadaccesstoken")]
    [TestCase("X-AMZN-BEDROCK-AGENTCORE-RUNTIME-WORKLOAD-ACCESSTOKEN")]
    public void HttpHeaders_read_token_spelling(string name)
    {
        var context = AgentCoreRequestContext.FromHeaders(ToHttpHeaders([new(name, Token)]));

        context.WorkloadAccessToken.Should().Be(Token);
    }

    [Test]
    public void HttpHeaders_repeated_token_is_rejected()
    {
        var headers = ToHttpHeaders([new("WorkloadAccessToken", "token-one"), new("WorkloadAccessToken", "token-two")]);

        var act = () => AgentCoreRequestContext.FromHeaders(headers);

        var error = act.Should().Throw<InvalidRequestHeaderException>().Which;
        error.HeaderName.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken);
        error.Message.Should().Contain("2 times").And.NotContain("token-one").And.NotContain("token-two");
    }

    [Test]
    public void HttpHeaders_conflicting_tokens_are_rejected()
    {
        var headers = ToHttpHeaders([new("WorkloadAccessToken", "token-one"), new("X-Amz-Bedrock-AgentCore-Identity-WAT", "token-two")]);

        var act = () => AgentCoreRequestContext.FromHeaders(headers);

        act.Should().Throw<ConflictingRequestHeadersException>().Which.HeaderNames
            .Should().Equal(AgentCoreHeaderNames.IdentityWorkloadAccessToken, AgentCoreHeaderNames.WorkloadAccessToken);
    }

    [Test]
    public void HttpHeaders_content_headers_are_restricted()
    {
        using var content = new StringContent("{}");

        var context = AgentCoreRequestContext.FromHeaders(content.Headers);

        context.ForwardedHeaders.Should().BeEmpty();
    }

    [Test]
    public void Pairs_repeated_in_other_case_count_as_repeats()
    {
        var act = () => AgentCoreRequestContext.FromHeaders([new("WorkloadAccessToken", Token), new("workloadaccesstoken", Token)]);

        act.Should().Throw<InvalidRequestHeaderException>().Which.Message.Should().Contain("2 times");
    }

    [Test]
    public void Pairs_repeated_forwarded_values_are_joined()
    {
        var context = AgentCoreRequestContext.FromHeaders([new("X-Tags", "a"), new("x-api-key", "k"), new("x-tags", "b")]);

        context.ForwardedHeaders["X-TAGS"].Should().Be("a, b");
        context.ForwardedHeaders.Keys.Should().Equal("X-Tags", "x-api-key");
    }

    [TestCase("")]
    [TestCase("X Api Key")]
    [TestCase("X-Api-Key:")]
    [TestCase("X-\u00c4pi")]
    [TestCase("X-Api\r\nInjected")]
    public void Pairs_invalid_name_is_rejected(string name)
    {
        var act = () => AgentCoreRequestContext.FromHeaders([new(name, "v")]);

        var error = act.Should().Throw<InvalidRequestHeaderException>().Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.InvalidRequestHeader);
        error.HeaderName.Should().NotContain("\r").And.NotContain("\n");
    }

    [Test]
    public void Pairs_null_name_is_rejected()
    {
        var act = () => AgentCoreRequestContext.FromHeaders([new(null!, "v")]);

        act.Should().Throw<InvalidRequestHeaderException>().Which.HeaderName.Should().Be("(empty)");
    }

    [Test]
    public void Pairs_pseudo_header_is_dropped()
    {
        var context = AgentCoreRequestContext.FromHeaders([new(":authority", "localhost"), new(":path", "/invocations")]);

        context.ForwardedHeaders.Should().BeEmpty();
    }

    [Test]
    public void Pairs_null_sequence_is_rejected()
    {
        var act = () => AgentCoreRequestContext.FromHeaders((IEnumerable<KeyValuePair<string, string>>)null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Header_store_in_two_cases_joins_values()
    {
        var headers = new CaseSensitiveHeaderDictionary { ["X-Tags"] = "a", ["x-tags"] = "b" };

        var context = AgentCoreRequestContext.FromHeaders(headers);

        context.ForwardedHeaders["X-TAGS"].Should().Be("a, b");
        context.ForwardedHeaders.Count.Should().Be(1);
    }

    [Test]
    public void Header_store_in_two_cases_rejects_authorization()
    {
        var headers = new CaseSensitiveHeaderDictionary { ["Authorization"] = "Bearer a.b.c", ["authorization"] = "Bearer a.b.c" };

        var act = () => AgentCoreRequestContext.FromHeaders(headers);

        act.Should().Throw<InvalidRequestHeaderException>().Which.Message.Should().Contain("more than once").And.NotContain("a.b.c");
    }

    [Test]
    public void Header_store_in_two_cases_rejects_token()
    {
        var headers = new CaseSensitiveHeaderDictionary { ["WorkloadAccessToken"] = Token, ["workloadaccesstoken"] = Token };

        var act = () => AgentCoreRequestContext.FromHeaders(headers);

        act.Should().Throw<InvalidRequestHeaderException>().Which.HeaderName.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken);
    }

    [Test]
    public void Padded_repeat_token_is_accepted()
    {
        var context = AgentCoreRequestContext.FromHeaders([new("WorkloadAccessToken", Token), new(AgentCoreHeaderNames.RuntimeWorkloadAccessToken, " " + Token + " ")]);

        context.WorkloadAccessToken.Should().Be(Token);
    }

    [Test]
    public void Invalid_repeat_token_is_rejected()
    {
        var act = () => AgentCoreRequestContext.FromHeaders([new("WorkloadAccessToken", "bad token"), new(AgentCoreHeaderNames.RuntimeWorkloadAccessToken, "bad token")]);

        act.Should().Throw<InvalidRequestHeaderException>().Which.HeaderName.Should().Be(AgentCoreHeaderNames.WorkloadAccessToken);
    }
}
