namespace AgentCoreIdentity.Tests.Resilience;

/// <summary>
/// The innermost handler of a test client: it returns, for every request, a response that the test builds, and
/// counts the requests. Nothing goes to the network.
/// </summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Func<int, HttpResponseMessage> _respond;
    private int _calls;

    /// <param name="respond">Builds the response to the request with the given number, from 1.</param>
    public StubHttpHandler(Func<int, HttpResponseMessage> respond)
    {
        _respond = respond;
    }

    public int Calls => Volatile.Read(ref _calls);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(_respond(Interlocked.Increment(ref _calls)));
}
