using System.Net.Http.Headers;

namespace AgentCoreIdentity.Resilience;

/// <summary>Reads the wait that a <c>Retry-After</c> header requests, in either of its two forms.</summary>
internal static class RetryAfterDelay
{
    /// <summary>
    /// Returns the delay of <c>Retry-After: 5</c>, or the time left until <c>Retry-After: &lt;HTTP date&gt;</c>; never
    /// negative. Returns <c>null</c> when the header is absent.
    /// </summary>
    public static TimeSpan? From(RetryConditionHeaderValue? header, TimeProvider time)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
