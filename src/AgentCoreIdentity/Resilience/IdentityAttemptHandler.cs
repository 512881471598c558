namespace AgentCoreIdentity.Resilience;

/// <summary>
/// Runs once per attempt, between the retry handler and the signing handler. It removes the signature headers
/// that an earlier attempt left on the request, counts the attempt, and reads the whole response body into memory.
/// Reading the body here puts it under the attempt timeout, makes a connection that breaks mid-body a retryable
/// transport failure, and lets the retry policy read the error code.
/// </summary>
/// <remarks>
/// <c>SigV4SigningHandler</c> replaces stale signature headers by itself, but <c>IHttpClientFactory</c> logs the
/// request headers at Trace between this handler and the signer. <c>RedactLoggedHeaders</c> masks them in the
/// formatted message only. The record's structured state still lists the raw values (seen with .NET 10.0), so
/// without this cleanup a retried request would log the earlier attempt's session token there.
/// </remarks>
internal sealed class IdentityAttemptHandler : DelegatingHandler
{
    private static readonly string[] SignatureHeaders = ["Authorization", "X-Amz-Date", "X-Amz-Content-SHA256", "X-Amz-Security-Token"];

    public IdentityAttemptHandler()
    {
    }

    public IdentityAttemptHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
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

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}
