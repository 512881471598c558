using DocExamples.RequestContext;

namespace AgentCoreIdentity.Tests;

/// <summary>
/// Runs the hand-built context tests of docs/request-context.md, which live in the examples project and are
/// inherited here, and checks what that page states about generated request ids.
/// </summary>
public class DocumentationExampleTests : HandBuiltContextExamples
{
    [Test]
    public void Hand_built_context_generates_request_id()
    {
        var context = new AgentCoreRequestContext { WorkloadAccessToken = "test-token" };

        context.IsRequestIdGenerated.Should().BeTrue();
        Guid.TryParse(context.RequestId, out _).Should().BeTrue();
    }
}
