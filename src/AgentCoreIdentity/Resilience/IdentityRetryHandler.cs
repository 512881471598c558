using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Resilience;

/// <summary>
/// Sends each Identity request up to <see cref="AgentCoreIdentityRetryOptions.MaxAttempts"/> times, as
/// <see cref="IdentityRetryPolicy"/> decides: throttling, HTTP 500, 502, 503 and 504, transport failures and attempt
/// timeouts are retried after the service's <c>Retry-After</c> or a full-jitter backoff, and every other outcome is
/// returned or thrown as it is.
/// </summary>
/// <remarks>
/// <para>
/// It sits outside <see cref="IdentityAttemptHandler"/> and the signing handler, so every attempt is timed on its
/// own and signed again with the current credentials and a fresh date. The data plane's total timeout cancels
/// <c>cancellationToken</c>, which also ends a wait between attempts.
/// </para>
/// <para>
/// A 2xx response on any attempt returns at once, without classification, so the usual call costs one async step
/// here. The retries used to run in a Polly pipeline from Microsoft.Extensions.Http.Resilience. That handler cost
/// more client CPU time per call than this loop, as docs/benchmarks.md shows.
/// </para>
/// </remarks>
internal sealed class IdentityRetryHandler : DelegatingHandler
{
    private readonly IdentityRetryPolicy _policy;
    private readonly TimeProvider _time;

    /// <param name="policy">Decides which outcomes are retried and how long to wait.</param>
    /// <param name="time">Clock of the waits between attempts.</param>
    public IdentityRetryHandler(IdentityRetryPolicy policy, TimeProvider time)
    {
        _policy = policy;
        _time = time;
    }

    /// <param name="policy">Decides which outcomes are retried and how long to wait.</param>
    /// <param name="time">Clock of the waits between attempts.</param>
    /// <param name="innerHandler">The attempt handler.</param>
    public IdentityRetryHandler(IdentityRetryPolicy policy, TimeProvider time, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        _policy = policy;
        _time = time;
    }

    /// <summary>Creates the handler for <paramref name="options"/>, logging retries to <paramref name="logger"/>.</summary>
    public static IdentityRetryHandler Create(AgentCoreIdentityRetryOptions options, TimeProvider time, ILogger logger) =>
        new(new IdentityRetryPolicy(options, time, Random.Shared.NextDouble, logger), time);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var isLast = attempt >= _policy.MaxAttempts;
            HttpResponseMessage? response = null;
            ExceptionDispatchInfo? failed = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!isLast)
            {
                // An earlier attempt's exception may still be retried. The last one propagates untouched.
                failed = ExceptionDispatchInfo.Capture(ex);
            }

            if (response is not null && (isLast || response.IsSuccessStatusCode))
            {
                return response;
            }

            var failure = failed is not null
                ? _policy.Classify(failed.SourceException)
                : await _policy.ClassifyAsync(response!).ConfigureAwait(false);
            if (!_policy.ShouldRetry(failure, request))
            {
                failed?.Throw();
                return response!;
            }

            var delay = _policy.GetDelay(failure, retryIndex: attempt - 1);
            _policy.LogRetry(request, attempt, failure, delay);
            response?.Dispose();

            cancellationToken.ThrowIfCancellationRequested();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
