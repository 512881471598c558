using System.Net;
using System.Text;
using AgentCoreIdentity.Resilience;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AgentCoreIdentity.Tests.Resilience;

/// <summary>
/// The retry loop on its own, over a scripted inner handler and a fake clock: which outcomes it retries, how long it
/// waits, what it returns or throws, what it logs and what it disposes.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class IdentityRetryHandlerTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger _logger = new();

    [Test]
    public async Task Success_returns_first_response()
    {
        var ok = Response(200);
        var (invoker, script) = Create(new AgentCoreIdentityRetryOptions(), () => ok);

        var response = await Send(invoker);

        response.Should().BeSameAs(ok);
        script.Calls.Should().Be(1);
        _logger.Collector.Count.Should().Be(0);
    }

    [Test]
    public async Task Transient_response_retried_after_backoff()
    {
        var throttled = Response(503);
        var ok = Response(200);
        var (invoker, script) = Create(Options(baseDelay: TimeSpan.FromSeconds(2)), () => throttled, () => ok);

        var send = Send(invoker);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        send.IsCompleted.Should().BeFalse("the backoff is half of the 2 s ceiling, with the jitter at 0.5");
        script.Calls.Should().Be(1);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var response = await send.WaitAsync(HangGuard);

        response.Should().BeSameAs(ok);
        script.Calls.Should().Be(2);
        var read = () => throttled.Content.ReadAsStringAsync();
        await read.Should().ThrowAsync<ObjectDisposedException>("a retried response is disposed before the wait");
        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Id.Id.Should().Be(2001);
        record.Message.Should().Contain("attempt 1 of 3 failed with HTTP 503").And.Contain("retrying in 1000 ms");
    }

    [Test]
    public async Task Retry_after_replaces_backoff()
    {
        var (invoker, script) = Create(Options(baseDelay: TimeSpan.FromSeconds(1)), () => Response(429, retryAfter: "5"), () => Response(200));

        var send = Send(invoker);
        _time.Advance(TimeSpan.FromMilliseconds(4999));
        send.IsCompleted.Should().BeFalse("the service asked for 5 s");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await send.WaitAsync(HangGuard)).StatusCode.Should().Be(HttpStatusCode.OK);

        script.Calls.Should().Be(2);
    }

    [Test]
    public async Task Final_response_returned_unchanged()
    {
        var invalid = Response(400, errorType: "ValidationException");
        var (invoker, script) = Create(Options(), () => invalid);

        var response = await Send(invoker);

        response.Should().BeSameAs(invalid);
        script.Calls.Should().Be(1);
        _logger.Collector.Count.Should().Be(0);
    }

    [Test]
    public async Task Last_transient_response_returned()
    {
        var first = Response(503);
        var last = Response(503);
        var (invoker, script) = Create(Options(maxAttempts: 2), () => first, () => last);

        var response = await Send(invoker);

        response.Should().BeSameAs(last);
        script.Calls.Should().Be(2);
        _logger.Collector.GetSnapshot().Select(record => record.Id.Id).Should().Equal(2001);
    }

    [Test]
    public async Task Last_transport_failure_propagates()
    {
        var last = new HttpRequestException(HttpRequestError.ConnectionError, "refused again");
        var (invoker, script) = Create(
            Options(maxAttempts: 2),
            () => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"),
            () => throw last);

        var act = () => Send(invoker);

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.Should().BeSameAs(last);
        script.Calls.Should().Be(2);
        _logger.Collector.LatestRecord.Message.Should().Contain("a transport failure (ConnectionError)");
    }

    [Test]
    public async Task Attempt_timeout_is_retried()
    {
        var (invoker, script) = Create(
            Options(),
            () => throw new AttemptTimeoutException("too slow", TimeSpan.FromSeconds(10), new OperationCanceledException()),
            () => Response(200));

        var response = await Send(invoker);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        script.Calls.Should().Be(2);
        _logger.Collector.LatestRecord.Message.Should().Contain("the attempt timeout of 10000 ms");
    }

    [Test]
    public async Task Final_exception_not_retried()
    {
        var cancelled = new OperationCanceledException("cancelled by the caller");
        var (invoker, script) = Create(Options(), () => throw cancelled, () => Response(200));

        var act = () => Send(invoker);

        (await act.Should().ThrowAsync<OperationCanceledException>()).Which.Should().BeSameAs(cancelled);
        script.Calls.Should().Be(1);
    }

    [Test]
    public async Task Single_attempt_never_retries()
    {
        var throttled = Response(429, retryAfter: "60");
        var (invoker, script) = Create(Options(maxAttempts: 1), () => throttled, () => Response(200));

        var response = await Send(invoker);

        response.Should().BeSameAs(throttled);
        script.Calls.Should().Be(1);
        _logger.Collector.Count.Should().Be(0, "a Retry-After longer than MaxDelay is logged only when it stops a retry");
    }

    [Test]
    public async Task Long_retry_after_stops_retries()
    {
        var throttled = Response(429, retryAfter: "60");
        var (invoker, script) = Create(Options(maxDelay: TimeSpan.FromSeconds(20)), () => throttled, () => Response(200));

        var response = await Send(invoker);

        response.Should().BeSameAs(throttled);
        script.Calls.Should().Be(1);
        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Id.Id.Should().Be(2002);
        record.Message.Should().Contain("asked to wait 60000 ms");
    }

    [Test]
    public async Task Cancellation_during_wait_ends_call()
    {
        var (invoker, script) = Create(Options(baseDelay: TimeSpan.FromSeconds(10)), () => Response(503), () => Response(200));
        using var cancellation = new CancellationTokenSource();

        var send = Send(invoker, cancellation.Token);
        send.IsCompleted.Should().BeFalse();
        await cancellation.CancelAsync();
        var act = () => send.WaitAsync(HangGuard);

        (await act.Should().ThrowAsync<OperationCanceledException>()).Which.CancellationToken.Should().Be(cancellation.Token);
        script.Calls.Should().Be(1);
    }

    private static AgentCoreIdentityRetryOptions Options(int maxAttempts = 3, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null) => new()
    {
        MaxAttempts = maxAttempts,
        BaseDelay = baseDelay ?? TimeSpan.Zero,
        MaxDelay = maxDelay ?? TimeSpan.FromSeconds(20),
    };

    private (HttpMessageInvoker Invoker, ScriptedHandler Script) Create(AgentCoreIdentityRetryOptions options, params Func<HttpResponseMessage>[] steps)
    {
        var script = new ScriptedHandler(steps);
        var policy = new IdentityRetryPolicy(options, _time, () => 0.5, _logger);
        return (new HttpMessageInvoker(new IdentityRetryHandler(policy, _time, script)), script);
    }

    private static Task<HttpResponseMessage> Send(HttpMessageInvoker invoker, CancellationToken cancellationToken = default)
    {
        var request = new IdentityRequestMessage(
            new Uri("https://bedrock-agentcore.us-east-1.amazonaws.com/identities/api-key"),
            new IdentityCallState("GetResourceApiKey", "github"));
        return invoker.SendAsync(request, cancellationToken);
    }

    private static HttpResponseMessage Response(int status, string? errorType = null, string? retryAfter = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (errorType is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        }

        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }

    /// <summary>Runs one step per request, in order. A step returns the response or throws.</summary>
    private sealed class ScriptedHandler(Func<HttpResponseMessage>[] steps) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(steps[Interlocked.Increment(ref _calls) - 1]());
    }
}
