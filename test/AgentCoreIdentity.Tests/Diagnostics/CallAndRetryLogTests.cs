using AgentCoreIdentity.Diagnostics;
using AgentCoreIdentity.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AgentCoreIdentity.Tests.Diagnostics;

/// <summary>
/// The call and retry log events read naturally with and without a credential provider: calls for a provider name it,
/// and calls without one (<c>GetWorkloadAccessToken*</c>, <c>CompleteResourceTokenAuth</c>) log an event of their own
/// whose message leaves it out. Both forms keep the same property names.
/// </summary>
public class CallAndRetryLogTests
{
    private static readonly AgentCoreIdentityException Failure =
        new IdentityServiceUnavailableException("The service failed.") { RequestId = "req-7", ServiceErrorCode = "InternalServerException", StatusCode = 500 };

    private static FakeLogRecord LogOne(Action<ILogger> log)
    {
        var logger = new FakeLogger();
        log(logger);
        return logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
    }

    private static IEnumerable<TestCaseData> Events()
    {
        yield return new TestCaseData(
            (Action<ILogger>)(logger => CallLog.Starting(logger, "GetResourceApiKey", "github")),
            1001,
            "IdentityCallStarting",
            "AgentCore Identity GetResourceApiKey for provider github starting").SetArgDisplayNames("starting, provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => CallLog.Starting(logger, "GetWorkloadAccessTokenForJWT", null)),
            1005,
            "IdentityCallStartingWithoutProvider",
            "AgentCore Identity GetWorkloadAccessTokenForJWT starting").SetArgDisplayNames("starting, no provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => CallLog.Succeeded(logger, "GetResourceOauth2Token", "google", 12, 1, "req-1")),
            1002,
            "IdentityCallSucceeded",
            "AgentCore Identity GetResourceOauth2Token for provider google succeeded in 12 ms after 1 attempt(s) (request id req-1)")
            .SetArgDisplayNames("succeeded, provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => CallLog.Succeeded(logger, "CompleteResourceTokenAuth", null, 12, 1, "req-1")),
            1006,
            "IdentityCallSucceededWithoutProvider",
            "AgentCore Identity CompleteResourceTokenAuth succeeded in 12 ms after 1 attempt(s) (request id req-1)")
            .SetArgDisplayNames("succeeded, no provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => CallLog.Failed(logger, Failure, "GetResourceApiKey", "github", 340, 3)),
            1003,
            "IdentityCallFailed",
            "AgentCore Identity GetResourceApiKey for provider github failed with ACI2006 (service error InternalServerException, "
            + "HTTP 500) in 340 ms after 3 attempt(s) (request id req-7)").SetArgDisplayNames("failed, provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => CallLog.Failed(logger, Failure, "GetWorkloadAccessToken", null, 340, 3)),
            1007,
            "IdentityCallFailedWithoutProvider",
            "AgentCore Identity GetWorkloadAccessToken failed with ACI2006 (service error InternalServerException, HTTP 500) "
            + "in 340 ms after 3 attempt(s) (request id req-7)").SetArgDisplayNames("failed, no provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => CallLog.Cancelled(logger, "GetResourceApiKey", "github", 5, 2)),
            1004,
            "IdentityCallCancelled",
            "AgentCore Identity GetResourceApiKey for provider github was cancelled by the caller after 5 ms and 2 attempt(s)")
            .SetArgDisplayNames("cancelled, provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => CallLog.Cancelled(logger, "GetWorkloadAccessTokenForUserId", null, 5, 2)),
            1008,
            "IdentityCallCancelledWithoutProvider",
            "AgentCore Identity GetWorkloadAccessTokenForUserId was cancelled by the caller after 5 ms and 2 attempt(s)")
            .SetArgDisplayNames("cancelled, no provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => RetryLog.RetryScheduled(logger, "GetResourceApiKey", "github", 1, 3, "HTTP 429 ThrottlingException", "req-2", 800)),
            2001,
            "IdentityRetryScheduled",
            "AgentCore Identity GetResourceApiKey for provider github: attempt 1 of 3 failed with HTTP 429 ThrottlingException "
            + "(request id req-2); retrying in 800 ms").SetArgDisplayNames("retry, provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => RetryLog.RetryScheduled(logger, "GetWorkloadAccessTokenForJWT", null, 1, 3, "HTTP 429 ThrottlingException", "req-2", 800)),
            2003,
            "IdentityRetryScheduledWithoutProvider",
            "AgentCore Identity GetWorkloadAccessTokenForJWT: attempt 1 of 3 failed with HTTP 429 ThrottlingException "
            + "(request id req-2); retrying in 800 ms").SetArgDisplayNames("retry, no provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => RetryLog.RetryAfterTooLong(logger, "GetResourceOauth2Token", "google", 60_000, 20_000)),
            2002,
            "IdentityRetryAfterTooLong",
            "AgentCore Identity GetResourceOauth2Token for provider google: the service asked to wait 60000 ms (Retry-After), "
            + "longer than Retry.MaxDelay of 20000 ms, so the call is not retried").SetArgDisplayNames("retry after, provider");
        yield return new TestCaseData(
            (Action<ILogger>)(logger => RetryLog.RetryAfterTooLong(logger, "CompleteResourceTokenAuth", null, 60_000, 20_000)),
            2004,
            "IdentityRetryAfterTooLongWithoutProvider",
            "AgentCore Identity CompleteResourceTokenAuth: the service asked to wait 60000 ms (Retry-After), longer than "
            + "Retry.MaxDelay of 20000 ms, so the call is not retried").SetArgDisplayNames("retry after, no provider");
    }

    [TestCaseSource(nameof(Events))]
    public void Event_reads_naturally(Action<ILogger> log, int eventId, string eventName, string message)
    {
        var record = LogOne(log);

        record.Message.Should().Be(message);
        record.Id.Id.Should().Be(eventId);
        record.Id.Name.Should().Be(eventName);
    }

    [TestCaseSource(nameof(Events))]
    public void Event_names_provider_only_when_set(Action<ILogger> log, int eventId, string eventName, string message)
    {
        var record = LogOne(log);

        var provider = record.GetStructuredStateValue("ProviderName");
        var operation = record.GetStructuredStateValue("Operation");
        operation.Should().NotBeNullOrEmpty($"event {eventId} keeps the Operation property");
        message.Should().StartWith($"AgentCore Identity {operation}");
        if (eventName.EndsWith("WithoutProvider", StringComparison.Ordinal))
        {
            provider.Should().BeNull("a call without a provider has no ProviderName property");
            message.Should().NotContain("provider");
        }
        else
        {
            provider.Should().NotBeNullOrEmpty();
            message.Should().Contain($" for provider {provider}");
        }
    }

    [Test]
    public void Both_forms_share_other_properties()
    {
        var withProvider = LogOne(logger => CallLog.Failed(logger, Failure, "GetResourceApiKey", "github", 340, 3));
        var withoutProvider = LogOne(logger => CallLog.Failed(logger, Failure, "GetWorkloadAccessToken", null, 340, 3));

        var keys = withProvider.StructuredState!.Select(pair => pair.Key).Where(key => key != "ProviderName");

        withoutProvider.StructuredState!.Select(pair => pair.Key).Should().BeEquivalentTo(keys);
        withoutProvider.Exception.Should().BeSameAs(Failure);
        withoutProvider.Level.Should().Be(LogLevel.Warning);
    }
}
