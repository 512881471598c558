namespace AgentCoreIdentity.Tests;

public class IdentityEndpointResolverTests
{
    private static IdentityServiceTarget Resolve(AgentCoreIdentityOptions options, string? environmentEndpoint = null, string? defaultRegion = null) =>
        new IdentityEndpointResolver(
            options,
            name => name == AgentCoreIdentityOptions.EndpointEnvironmentVariable ? environmentEndpoint : null,
            () => defaultRegion).Resolve();

    [TestCase("us-east-1", "https://bedrock-agentcore.us-east-1.amazonaws.com/")]
    [TestCase("cn-north-1", "https://bedrock-agentcore.cn-north-1.amazonaws.com.cn/")]
    public void Default_endpoint_is_regional(string region, string expected)
    {
        Resolve(new AgentCoreIdentityOptions { Region = region }).BaseAddress.Should().Be(new Uri(expected));
    }

    [Test]
    public void Fips_and_dual_stack_change_host()
    {
        Resolve(new AgentCoreIdentityOptions { Region = "us-east-1", UseFipsEndpoint = true }).BaseAddress
            .Should().Be(new Uri("https://bedrock-agentcore-fips.us-east-1.amazonaws.com"));
        Resolve(new AgentCoreIdentityOptions { Region = "us-east-1", UseDualStackEndpoint = true }).BaseAddress
            .Should().Be(new Uri("https://bedrock-agentcore.us-east-1.api.aws"));
    }

    [Test]
    public void Region_comes_from_default_chain()
    {
        Resolve(new AgentCoreIdentityOptions(), defaultRegion: "eu-west-1").Region.Should().Be("eu-west-1");
    }

    [Test]
    public void Environment_variable_overrides_endpoint()
    {
        var target = Resolve(new AgentCoreIdentityOptions { Region = "us-east-1" }, environmentEndpoint: "http://127.0.0.1:8090");

        target.BaseAddress.Should().Be(new Uri("http://127.0.0.1:8090"));
        target.GetOperationUri("/identities/api-key").Should().Be(new Uri("http://127.0.0.1:8090/identities/api-key"));
    }

    [Test]
    public void Options_endpoint_wins_over_environment()
    {
        var target = Resolve(
            new AgentCoreIdentityOptions { Region = "us-east-1", Endpoint = new Uri("http://localhost:9000") },
            environmentEndpoint: "http://127.0.0.1:8090");

        target.BaseAddress.Should().Be(new Uri("http://localhost:9000"));
    }

    [TestCase("us-east-1.evil.com")]
    [TestCase("US-EAST-1")]
    [TestCase("us-east-1/")]
    [TestCase("useast1")]
    public void Invalid_region_is_rejected(string region)
    {
        var act = () => Resolve(new AgentCoreIdentityOptions { Region = region });

        act.Should().Throw<AgentCoreIdentityException>().Which.Code.Should().Be(AgentCoreIdentityErrorCodes.Configuration);
    }

    [Test]
    public void Missing_region_is_rejected()
    {
        var act = () => Resolve(new AgentCoreIdentityOptions());

        act.Should().Throw<AgentCoreIdentityException>().WithMessage("*AWS_REGION*");
    }

    [TestCase("http://example.com")]
    [TestCase("ftp://127.0.0.1")]
    [TestCase("https://127.0.0.1/?x=1")]
    public void Unsafe_endpoint_is_rejected(string endpoint)
    {
        var act = () => Resolve(new AgentCoreIdentityOptions { Region = "us-east-1", Endpoint = new Uri(endpoint) });

        act.Should().Throw<AgentCoreIdentityException>().Which.Code.Should().Be(AgentCoreIdentityErrorCodes.Configuration);
    }

    [TestCase("http://127.0.0.1:1")]
    [TestCase("http://localhost:1")]
    [TestCase("http://[::1]:1")]
    [TestCase("https://identity.internal.example")]
    public void Loopback_http_and_any_https_are_accepted(string endpoint)
    {
        Resolve(new AgentCoreIdentityOptions { Region = "us-east-1", Endpoint = new Uri(endpoint) }).BaseAddress.Should().Be(new Uri(endpoint));
    }

    [Test]
    public void Endpoint_with_fips_is_rejected()
    {
        var act = () => Resolve(new AgentCoreIdentityOptions { Region = "us-east-1", Endpoint = new Uri("http://127.0.0.1:1"), UseFipsEndpoint = true });

        act.Should().Throw<AgentCoreIdentityException>().WithMessage("*UseFipsEndpoint*");
    }
}
