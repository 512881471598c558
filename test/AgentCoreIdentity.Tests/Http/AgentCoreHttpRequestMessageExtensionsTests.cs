namespace AgentCoreIdentity.Tests.Http;

public class AgentCoreHttpRequestMessageExtensionsTests
{
    [Test]
    public void Context_round_trips_through_options()
    {
        var context = new AgentCoreRequestContext { WorkloadAccessToken = "wat-a" };
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");

        var returned = request.WithAgentCoreContext(context);

        returned.Should().BeSameAs(request);
        request.GetAgentCoreContext().Should().BeSameAs(context);
        request.TryGetAgentCoreContext(out var found).Should().BeTrue();
        found.Should().BeSameAs(context);
    }

    [Test]
    public void Request_without_context_returns_null()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");

        request.GetAgentCoreContext().Should().BeNull();
        request.TryGetAgentCoreContext(out var found).Should().BeFalse();
        found.Should().BeNull();
    }

    [Test]
    public void Second_context_replaces_first()
    {
        var first = new AgentCoreRequestContext { WorkloadAccessToken = "wat-a" };
        var second = new AgentCoreRequestContext { WorkloadAccessToken = "wat-b" };
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");

        request.WithAgentCoreContext(first).WithAgentCoreContext(second);

        request.GetAgentCoreContext().Should().BeSameAs(second);
    }

    [Test]
    public void Null_arguments_are_rejected()
    {
        using var request = new HttpRequestMessage();

        var withoutContext = () => request.WithAgentCoreContext(null!);
        var withoutRequest = () => ((HttpRequestMessage)null!).WithAgentCoreContext(new AgentCoreRequestContext());

        withoutContext.Should().Throw<ArgumentNullException>().WithParameterName("context");
        withoutRequest.Should().Throw<ArgumentNullException>().WithParameterName("request");
    }
}
