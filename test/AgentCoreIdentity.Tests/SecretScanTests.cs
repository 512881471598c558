using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Tests;

public class SecretScanTests
{
    private const string Secret = "secret-value-0123456789";

    [Test]
    public void Secret_in_log_message_is_found()
    {
        using var scan = new SecretScan();
        scan.Register(Secret, "test key");

        scan.LoggerFactory.CreateLogger("Test").LogInformation("the key is {Key}", Secret);

        var leak = scan.FindLeaks().Should().ContainSingle().Which;
        leak.Should().Contain("test key").And.Contain("<test key>").And.NotContain(Secret);
    }

    [Test]
    public void Secret_in_structured_state_only_is_found()
    {
        using var scan = new SecretScan();
        scan.Register(Secret, "test key");
        var state = new[] { new KeyValuePair<string, object?>("Key", Secret) };

        scan.LoggerFactory.CreateLogger("Test").Log(LogLevel.Trace, default, state, null, (_, _) => "redacted message");

        scan.FindLeaks().Should().ContainSingle();
    }

    [Test]
    public void Secret_in_sdk_exception_is_found()
    {
        using var scan = new SecretScan();
        scan.Register(Secret, "test key");

        try
        {
            throw new AgentCoreIdentityException(AgentCoreIdentityErrorCodes.Configuration, $"bad {Secret}");
        }
        catch (AgentCoreIdentityException)
        {
        }

        scan.FindLeaks().Should().ContainSingle().Which.Should().Contain("exception AgentCoreIdentityException");
    }

    [Test]
    public void Clean_output_has_no_leaks()
    {
        using var scan = new SecretScan();
        scan.Register(Secret, "test key");

        scan.LoggerFactory.CreateLogger("Test").LogWarning("nothing secret here");

        scan.FindLeaks().Should().BeEmpty();
    }

    [Test]
    public void Short_secret_is_rejected()
    {
        using var scan = new SecretScan();

        var act = () => scan.Register("abc", "short");

        act.Should().Throw<ArgumentException>();
    }
}
