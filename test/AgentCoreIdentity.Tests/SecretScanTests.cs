using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework.Internal;

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
    public void Secret_in_inspected_text_is_found()
    {
        using var scan = new SecretScan();
        scan.Register(Secret, "test key");

        scan.Inspect("command output", $"line one\nthe key is {Secret}\n");

        var leak = scan.FindLeaks().Should().ContainSingle().Which;
        leak.Should().StartWith("The test key appears in command output:").And.NotContain(Secret);
    }

    [Test]
    public void Secret_in_configured_logging_builder_is_found()
    {
        using var scan = new SecretScan();
        scan.Register(Secret, "test key");
        var services = new ServiceCollection();
        services.AddLogging(scan.ConfigureLogging);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILogger<SecretScanTests>>().LogTrace("trace with {Key}", Secret);

        scan.FindLeaks().Should().ContainSingle().Which.Should().Contain("Trace");
    }

    [Test]
    public void Excluded_test_exception_text_is_skipped()
    {
        using var scan = new SecretScan();
        scan.Register(Secret, "test key");
        var handlerFailure = new InvalidOperationException($"upstream rejected {Secret}");
        scan.ExcludeTestException(handlerFailure);
        var logger = scan.LoggerFactory.CreateLogger("Test");

        logger.LogError(handlerFailure, "The handler failed");
        logger.LogError(handlerFailure, "The handler failed with {Key}", Secret);
        scan.Inspect(handlerFailure);

        scan.FindLeaks().Should().ContainSingle("the second record's own message still holds the key")
            .Which.Should().Contain("log record Error");
    }

    [Test]
    public void Leaking_test_fails_at_teardown()
    {
        var leaking = new ManuallyRunTest();
        leaking.StartSecretScan();
        leaking.LogRegisteredSecret();

        using (new TestExecutionContext.IsolatedContext())
        {
            var teardown = leaking.CheckSecretScan;

            teardown.Should().Throw<AssertionException>()
                .Which.Message.Should().Contain("Secrets leaked").And.Contain("<test key>").And.NotContain(Secret);
        }
    }

    [Test]
    public void Clean_test_passes_at_teardown()
    {
        var clean = new ManuallyRunTest();
        clean.StartSecretScan();

        using (new TestExecutionContext.IsolatedContext())
        {
            var teardown = clean.CheckSecretScan;

            teardown.Should().NotThrow();
        }
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

    /// <summary>A scanning test class that this fixture runs by hand, so that its teardown can be observed.</summary>
    private sealed class ManuallyRunTest : SecretScanningTest
    {
        public void LogRegisteredSecret()
        {
            Scan.Register(Secret, "test key");
            Scan.LoggerFactory.CreateLogger("Leaky").LogInformation("Calling the tool with key {Key}", Secret);
        }
    }
}
