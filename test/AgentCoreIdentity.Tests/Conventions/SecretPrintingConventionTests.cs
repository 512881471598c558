namespace AgentCoreIdentity.Tests.Conventions;

/// <summary>
/// Every public type of the library, built holding known secrets, prints none of them: not in <c>ToString()</c>,
/// not in a record's <c>PrintMembers</c>, not in its debugger display, and not in the members of its debugger view.
/// </summary>
public class SecretPrintingConventionTests
{
    private static IEnumerable<TestCaseData> PublicTypes() =>
        SecretSamples.PublicInstanceTypes().Select(type => new TestCaseData(type).SetName($"{type.Name} prints no secret"));

    [Test]
    public void Every_public_type_has_samples()
    {
        var missing = SecretSamples.PublicInstanceTypes().Where(type => !SecretSamples.Has(type)).Select(type => type.FullName);

        missing.Should().BeEmpty("every public type needs instances holding secrets in SecretSamples");
    }

    [Test]
    public void Samples_hold_the_secrets()
    {
        var context = (AgentCoreRequestContext)SecretSamples.Of(typeof(AgentCoreRequestContext))[0];

        context.WorkloadAccessToken.Should().Be(KnownSecrets.WorkloadAccessToken);
        context.UserToken.Should().Be(KnownSecrets.UserJwt);
        context.ForwardedHeaders["authorization"].Should().Be(KnownSecrets.Authorization);
        context.ForwardedHeaders["x-api-key"].Should().Be(KnownSecrets.CallerApiKey);
    }

    [TestCaseSource(nameof(PublicTypes))]
    public void Public_type_prints_no_secret(Type type)
    {
        if (!SecretSamples.Has(type))
        {
            Assert.Fail($"Add instances of {type.FullName} to SecretSamples.");
        }

        foreach (var sample in SecretSamples.Of(type))
        {
            sample.Should().BeAssignableTo(type);
            KnownSecrets.FoundIn(sample.ToString()).Should().BeEmpty($"ToString() of {type.Name} must hide secrets");
            KnownSecrets.FoundIn(DebuggerText.PrintMembers(sample)).Should().BeEmpty($"PrintMembers of {type.Name} must hide secrets");
            KnownSecrets.FoundIn(DebuggerText.Display(sample)).Should().BeEmpty($"the debugger display of {type.Name} must hide secrets");
            foreach (var member in DebuggerText.Expanded(sample))
            {
                KnownSecrets.FoundIn(member).Should().BeEmpty($"the debugger view of {type.Name} must hide secrets");
            }

            if (sample is Exception exception)
            {
                KnownSecrets.FoundIn(exception.Message).Should().BeEmpty($"the message of {type.Name} must hide secrets");
            }
        }
    }

    [Test]
    public void Context_debugger_view_shows_marker()
    {
        var context = (AgentCoreRequestContext)SecretSamples.Of(typeof(AgentCoreRequestContext))[0];

        var members = DebuggerText.Expanded(context).ToArray();

        members.Should().Contain("***");
        members.Should().Contain("[Authorization, X-Api-Key, X-Amzn-Bedrock-AgentCore-Runtime-Custom-Signature]");
    }

    [Test]
    public void Forwarded_headers_debugger_view_lists_names()
    {
        var headers = new ForwardedHeaders([new("Authorization", KnownSecrets.Authorization), new("X-Api-Key", KnownSecrets.CallerApiKey)]);

        DebuggerText.Expanded(headers).Should().Equal("Authorization: ***", "X-Api-Key: ***");
    }

    [Test]
    public void Record_print_members_is_found()
    {
        var context = (AgentCoreRequestContext)SecretSamples.Of(typeof(AgentCoreRequestContext))[0];

        DebuggerText.PrintMembers(context).Should().Contain("WorkloadAccessToken = ***").And.Contain("UserToken = ***");
    }
}
