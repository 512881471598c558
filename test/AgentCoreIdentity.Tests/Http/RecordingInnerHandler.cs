using System.Collections.Concurrent;
using System.Net;

namespace AgentCoreIdentity.Tests.Http;

/// <summary>
/// The end of a handler chain in unit tests: it records the URI and headers of every request that reached it and
/// returns 200, optionally after awaiting a gate that the test controls.
/// </summary>
internal sealed class RecordingInnerHandler(Func<HttpRequestMessage, Task>? gate = null) : HttpMessageHandler
{
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _received.Enqueue(ReceivedRequest.From(request));
        if (gate is not null)
        {
            await gate(request);
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _received.Enqueue(ReceivedRequest.From(request));
        return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
    }
}

/// <summary>What the end of the chain saw of one request.</summary>
internal sealed record ReceivedRequest(Uri Uri, IReadOnlyDictionary<string, string> Headers)
{
    public static ReceivedRequest From(HttpRequestMessage request) => new(
        request.RequestUri!,
        request.Headers.ToDictionary(header => header.Key, header => string.Join(",", header.Value), StringComparer.OrdinalIgnoreCase));

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
