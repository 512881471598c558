using System.Globalization;
using System.Net.Sockets;
using AgentCoreIdentity.DataPlane;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Resilience;

/// <summary>
/// Decides which attempts are retried and how long to wait before the next one: throttling, HTTP 500, 502, 503 and
/// 504, transport failures and attempt timeouts are retried; the wait is the service's <c>Retry-After</c> when it
/// sent one, and otherwise exponential backoff with full jitter. <see cref="IdentityRetryHandler"/> runs it.
/// </summary>
internal sealed class IdentityRetryPolicy
{
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
        MaxAttempts = options.MaxAttempts;
        _baseDelay = options.BaseDelay;
        _maxDelay = options.MaxDelay;
        _attemptTimeout = options.AttemptTimeout;
        _time = time;
        _random = random;
        _logger = logger;
    }

    /// <summary>Number of attempts a call may make, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>
    /// Returns whether a failed attempt that is not the last is retried. It must be transient, and a
    /// <c>Retry-After</c> longer than <see cref="AgentCoreIdentityRetryOptions.MaxDelay"/> stops the retries and is logged.
    /// </summary>
    public bool ShouldRetry(AttemptFailure failure, HttpRequestMessage request)
    {
        if (!failure.IsTransient)
        {
            return false;
        }

        if (failure.RetryAfter > _maxDelay)
        {
            var state = IdentityCallState.From(request);
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

    /// <summary>Returns the wait before the retry that follows retry index <paramref name="retryIndex"/>, counted from 0.</summary>
    public TimeSpan GetDelay(AttemptFailure failure, int retryIndex) => failure.RetryAfter ?? GetBackoff(retryIndex);

    /// <summary>Logs that attempt <paramref name="attempt"/>, counted from 1, failed and is retried after <paramref name="delay"/>.</summary>
    public void LogRetry(HttpRequestMessage request, int attempt, AttemptFailure failure, TimeSpan delay)
    {
        var state = IdentityCallState.From(request);
        RetryLog.RetryScheduled(
            _logger,
            state?.Operation ?? "call",
            state?.ProviderName,
            attempt,
            MaxAttempts,
            failure.Description,
            failure.RequestId ?? "none",
            (long)delay.TotalMilliseconds);
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

    /// <summary>Classifies an attempt that threw: transport failures and attempt timeouts are transient, nothing else is.</summary>
    public AttemptFailure Classify(Exception exception) => exception switch
    {
        HttpRequestException transport => new AttemptFailure(true, DescribeTransportFailure(transport), null, null),
        AttemptTimeoutException => new AttemptFailure(
            true,
            $"the attempt timeout of {_attemptTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms",
            null,
            null),
        _ => AttemptFailure.Final,
    };

    /// <summary>
    /// Describes a transport failure by its <see cref="HttpRequestError"/>, or by the socket error under it when .NET
    /// reports <see cref="HttpRequestError.Unknown"/>, as it did for a connection reset while reading (seen with .NET 10.0).
    /// </summary>
    private static string DescribeTransportFailure(HttpRequestException transport)
    {
        if (transport.HttpRequestError != HttpRequestError.Unknown)
        {
            return $"a transport failure ({transport.HttpRequestError})";
        }

        for (var inner = transport.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return $"a transport failure ({socket.SocketErrorCode})";
            }
        }

        return "a transport failure";
    }

    /// <summary>Classifies an attempt's response, whose body is already buffered by <see cref="IdentityAttemptHandler"/>.</summary>
    public async ValueTask<AttemptFailure> ClassifyAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
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
