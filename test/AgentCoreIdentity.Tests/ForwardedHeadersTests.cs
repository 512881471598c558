namespace AgentCoreIdentity.Tests;

public class ForwardedHeadersTests
{
    [Test]
    public void Hand_built_map_ignores_case()
    {
        var headers = new ForwardedHeaders([new("X-Api-Key", "k"), new("Authorization", "Bearer a.b.c")]);

        headers["x-api-key"].Should().Be("k");
        headers.ContainsKey("AUTHORIZATION").Should().BeTrue();
        headers.Keys.Should().Equal("X-Api-Key", "Authorization");
        headers.Count.Should().Be(2);
    }

    [Test]
    public void Large_map_keeps_order_and_lookup()
    {
        var pairs = Enumerable.Range(0, 40).Select(i => new KeyValuePair<string, string>($"X-Header-{i}", $"value-{i}")).ToArray();

        var headers = new ForwardedHeaders(pairs);

        headers.Keys.Should().Equal(pairs.Select(pair => pair.Key));
        headers["x-header-33"].Should().Be("value-33");
        headers.TryGetValue("X-HEADER-0", out var first).Should().BeTrue();
        first.Should().Be("value-0");
        headers.ContainsKey("X-Header-40").Should().BeFalse();
    }

    [Test]
    public void Large_context_map_keeps_every_header()
    {
        var pairs = Enumerable.Range(0, 20).Select(i => new KeyValuePair<string, string>($"X-Header-{i}", $"value-{i}"));

        var context = AgentCoreRequestContext.FromHeaders(pairs.Append(new("x-header-3", "again")));

        context.ForwardedHeaders.Count.Should().Be(20);
        context.ForwardedHeaders["X-Header-3"].Should().Be("value-3, again");
        context.ForwardedHeaders["X-Header-19"].Should().Be("value-19");
    }

    [Test]
    public void Duplicate_name_is_rejected()
    {
        var act = () => new ForwardedHeaders([new("X-Api-Key", "a"), new("x-api-key", "b")]);

        act.Should().Throw<ArgumentException>().WithMessage("*appears more than once*");
    }

    [TestCase("WorkloadAccessToken")]
    [TestCase("X-Amz-Bedrock-AgentCore-Identity-WAT")]
    [TestCase("x-amzn-bedrock-agentcore-runtime-workload-accesstoken")]
    [TestCase("OAuth2CallbackUrl")]
    [TestCase("X-Amzn-Bedrock-AgentCore-Runtime-Session-Id")]
    [TestCase("Cookie")]
    public void Name_held_elsewhere_is_rejected(string name)
    {
        var act = () => new ForwardedHeaders([new(name, "value")]);

        act.Should().Throw<ArgumentException>().WithMessage("*never forwarded*");
    }

    [Test]
    public void Value_with_line_break_is_rejected()
    {
        var act = () => new ForwardedHeaders([new("X-Custom", "a\r\nInjected: b")]);

        act.Should().Throw<ArgumentException>().WithMessage("*control character*");
    }

    [Test]
    public void Invalid_name_is_rejected()
    {
        var act = () => new ForwardedHeaders([new("X Custom", "a")]);

        act.Should().Throw<ArgumentException>().WithMessage("*cannot contain*");
    }

    [Test]
    public void Missing_name_lookup_names_header()
    {
        var act = () => ForwardedHeaders.Empty["X-Api-Key"];

        act.Should().Throw<KeyNotFoundException>().WithMessage("*X-Api-Key*");
    }

    [Test]
    public void Values_follow_keys()
    {
        var headers = new ForwardedHeaders([new("X-One", "1"), new("X-Two", "2")]);

        headers.Values.Should().Equal("1", "2");
        headers.Should().Equal(new KeyValuePair<string, string>("X-One", "1"), new KeyValuePair<string, string>("X-Two", "2"));
    }

    [Test]
    public void Equal_maps_ignore_order_and_name_case()
    {
        var first = new ForwardedHeaders([new("X-One", "1"), new("X-Two", "2")]);
        var second = new ForwardedHeaders([new("x-two", "2"), new("X-ONE", "1")]);

        first.Equals(second).Should().BeTrue();
        first.GetHashCode().Should().Be(second.GetHashCode());
    }

    [Test]
    public void Maps_with_other_values_differ()
    {
        var first = new ForwardedHeaders([new("X-One", "1")]);

        first.Equals(new ForwardedHeaders([new("X-One", "one")])).Should().BeFalse();
        first.Equals(new ForwardedHeaders([new("X-One", "1"), new("X-Two", "2")])).Should().BeFalse();
        first.Equals(ForwardedHeaders.Empty).Should().BeFalse();
    }

    [Test]
    public void Contexts_from_same_headers_are_equal()
    {
        KeyValuePair<string, string>[] headers =
        [
            new("WorkloadAccessToken", "token"), new(AgentCoreHeaderNames.RequestId, "request-1"), new("X-Api-Key", "k"),
        ];

        AgentCoreRequestContext.FromHeaders(headers).Should().Be(AgentCoreRequestContext.FromHeaders(headers));
    }
}
