namespace AgentCoreIdentity.Resilience;

/// <summary>
/// Runs once per attempt, between the retry handler and the signing handler: it counts the attempt and reads the
/// whole response body into memory. Reading the body here puts it under the attempt timeout, makes a connection
/// that breaks mid-body a retryable transport failure, and lets the retry policy read the error code.
/// </summary>
internal sealed class IdentityAttemptHandler : DelegatingHandler
{
    public IdentityAttemptHandler()
    {
    }

    public IdentityAttemptHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        IdentityCallState.From(request)?.StartAttempt();

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
