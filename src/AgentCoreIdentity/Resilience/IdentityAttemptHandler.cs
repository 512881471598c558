using System.Globalization;

namespace AgentCoreIdentity.Resilience;

/// <summary>
/// Runs once per attempt, between the retry handler and the signing handler. It removes the signature headers
/// that an earlier attempt left on the request, counts the attempt, applies the attempt timeout, and reads the
/// whole response body into memory. Reading the body here puts it under the attempt timeout, makes a connection
/// that breaks mid-body a retryable transport failure, and lets the retry policy read the error code.
/// </summary>
/// <remarks>
/// <para>
/// An attempt that runs past <see cref="AgentCoreIdentityRetryOptions.AttemptTimeout"/> fails with an
/// <see cref="AttemptTimeoutException"/>, which <see cref="IdentityRetryHandler"/> retries. The timeout is a
/// cancellation source on the options' <see cref="TimeProvider"/>, started here because this handler already runs
/// once per attempt.
/// </para>
/// <para>
/// <c>SigV4SigningHandler</c> replaces stale signature headers by itself. When an application adds
/// <c>IHttpClientFactory</c>'s request logging back with <c>AddDefaultLogger()</c>, it logs the request headers at
/// Trace between this handler and the signer. <c>RedactLoggedHeaders</c> masks them in the
/// formatted message only. The record's structured state still lists the raw values (seen with .NET 10.0), so
/// without this cleanup a retried request would log the earlier attempt's session token there.
/// </para>
/// </remarks>
internal sealed class IdentityAttemptHandler : DelegatingHandler
{
    private static readonly string[] SignatureHeaders = ["Authorization", "X-Amz-Date", "X-Amz-Content-SHA256", "X-Amz-Security-Token"];

    private readonly TimeSpan _attemptTimeout;
    private readonly TimeProvider _time;

    /// <param name="attemptTimeout">Time limit of one attempt, from sending the request to reading the whole response.</param>
    /// <param name="time">Clock of the attempt timeout.</param>
    public IdentityAttemptHandler(TimeSpan attemptTimeout, TimeProvider time)
    {
        _attemptTimeout = attemptTimeout;
        _time = time;
    }

    /// <param name="attemptTimeout">Time limit of one attempt, from sending the request to reading the whole response.</param>
    /// <param name="time">Clock of the attempt timeout.</param>
    /// <param name="innerHandler">The signing handler.</param>
    public IdentityAttemptHandler(TimeSpan attemptTimeout, TimeProvider time, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        _attemptTimeout = attemptTimeout;
        _time = time;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The SDK creates each request without signature headers, so only a retried request carries stale ones.
        var attempt = IdentityCallState.From(request)?.StartAttempt();
        if (attempt != 1)
        {
            foreach (var header in SignatureHeaders)
            {
                request.Headers.Remove(header);
            }
        }

        using var timeout = LinkedTimeout.Start(_attemptTimeout, _time, cancellationToken);
        try
        {
            var response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
            try
            {
                await response.Content.LoadIntoBufferAsync(timeout.Token).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            return response;
        }
        catch (OperationCanceledException ex) when (timeout.HasExpired)
        {
            throw new AttemptTimeoutException(
                $"The attempt did not complete within the attempt timeout of {_attemptTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms.",
                _attemptTimeout,
                ex);
        }
    }
}
