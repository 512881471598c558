using System.Globalization;
using AgentCoreIdentity.DataPlane;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AgentCoreIdentity.Resilience;

/// <summary>
/// Decides which attempts are retried and how long to wait before the next one: throttling, HTTP 500, 502, 503 and
/// 504, transport failures and attempt timeouts are retried; the wait is the service's <c>Retry-After</c> when it
/// sent one, and otherwise exponential backoff with full jitter.
/// </summary>
internal sealed class IdentityRetryPolicy
{
    private readonly int _maxAttempts;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;
    private readonly ILogger _logger;

    /// <param name="options">Retry settings; their values are copied.</param>
    /// <param name="time">Clock for <c>Retry-After</c> dates.</param>
    /// <param name="random">Returns a number in [0, 1) for the jitter.</param>
    /// <param name="logger">Logger of retry events.</param>
    public IdentityRetryPolicy(AgentCoreIdentityRetryOptions options, TimeProvider time, Func<double> random, ILogger logger)
    {
        _maxAttempts = options.MaxAttempts;
        _baseDelay = options.BaseDelay;
        _maxDelay = options.MaxDelay;
        _attemptTimeout = options.AttemptTimeout;
        _time = time;
        _random = random;
        _logger = logger;
    }

    public async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        var failure = await ClassifyAsync(args.Outcome).ConfigureAwait(false);
        if (!failure.IsTransient)
        {
            return false;
        }

        if (failure.RetryAfter > _maxDelay)
        {
            var state = IdentityCallState.From(args.Context.GetRequestMessage());
            RetryLog.RetryAfterTooLong(
                _logger,
                state?.Operation ?? "call",
                state?.ProviderName,
                (long)failure.RetryAfter.Value.TotalMilliseconds,
                (long)_maxDelay.TotalMilliseconds);
            return false;
        }

        return true;
    }

    public async ValueTask<TimeSpan?> GetDelayAsync(RetryDelayGeneratorArguments<HttpResponseMessage> args)
    {
        var failure = await ClassifyAsync(args.Outcome).ConfigureAwait(false);
        return failure.RetryAfter ?? GetBackoff(args.AttemptNumber);
    }

    public async ValueTask OnRetryAsync(OnRetryArguments<HttpResponseMessage> args)
    {
        var failure = await ClassifyAsync(args.Outcome).ConfigureAwait(false);
        var state = IdentityCallState.From(args.Context.GetRequestMessage());
        RetryLog.RetryScheduled(
            _logger,
            state?.Operation ?? "call",
            state?.ProviderName,
            args.AttemptNumber + 1,
            _maxAttempts,
            failure.Description,
            failure.RequestId ?? "none",
            (long)args.RetryDelay.TotalMilliseconds);
    }

    /// <summary>
    /// Returns the full-jitter backoff before retry <paramref name="retryIndex"/> + 1: a random time between zero and
    /// <c>min(MaxDelay, BaseDelay * 2^retryIndex)</c>.
    /// </summary>
    public TimeSpan GetBackoff(int retryIndex)
    {
        var ceiling = _maxDelay.Ticks;
        if (retryIndex < 30)
        {
            ceiling = Math.Min(ceiling, _baseDelay.Ticks * (1L << retryIndex));
        }

        return TimeSpan.FromTicks((long)(ceiling * _random()));
    }

    /// <summary>Judges one attempt's outcome; the response body is already buffered by <see cref="IdentityAttemptHandler"/>.</summary>
    public async ValueTask<AttemptFailure> ClassifyAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException transport => new AttemptFailure(true, $"a transport failure ({transport.HttpRequestError})", null, null),
                TimeoutRejectedException => new AttemptFailure(
                    true,
                    $"the attempt timeout of {_attemptTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms",
                    null,
                    null),
                _ => AttemptFailure.Final,
            };
        }

        var response = outcome.Result;
        if (response is null || response.IsSuccessStatusCode)
        {
            return AttemptFailure.Final;
        }

        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var error = ServiceErrorResponse.Parse(response.StatusCode, response.Headers, body, response.Content.Headers.ContentType?.MediaType);
        return new AttemptFailure(
            IdentityErrorFactory.IsTransient(error),
            $"HTTP {error.StatusCode.ToString(CultureInfo.InvariantCulture)} {error.ErrorCode}",
            error.RequestId,
            RetryAfterDelay.From(response.Headers.RetryAfter, _time));
    }
}
