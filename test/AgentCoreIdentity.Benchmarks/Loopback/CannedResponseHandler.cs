using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace AgentCoreIdentity.Benchmarks.Loopback;

/// <summary>
/// A transport that sends nothing: it yields once, as a socket completion does, and then returns a
/// <c>GetResourceApiKey</c> success response with a JSON body, a content type and a request id.
/// </summary>
internal sealed class CannedResponseHandler : HttpMessageHandler
{
    /// <summary>The API key in every response.</summary>
    public const string ApiKey = "bench_canned_0123456789abcdef0123456789";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes($$"""{"apiKey":"{{ApiKey}}"}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Yield();

        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(Body) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "0f6e3d1c-5b2a-4c8e-9d7f-1a2b3c4d5e6f");
        return response;
    }
}
