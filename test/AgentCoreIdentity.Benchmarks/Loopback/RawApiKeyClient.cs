using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amazon;
using Amazon.Runtime.Signing;

namespace AgentCoreIdentity.Benchmarks.Loopback;

/// <summary>
/// The baseline of the API-key benchmarks: a <c>GetResourceApiKey</c> call as an agent without this SDK might write
/// it. One <see cref="HttpClient"/> over AWSSDK.Core's <see cref="SigV4SigningHandler"/> and a default
/// <see cref="SocketsHttpHandler"/> posts the body that the SDK sends, byte for byte, with the same content type,
/// endpoint and credentials. It checks the status code and reads <c>apiKey</c>, and does nothing else: no retries,
/// no timeouts of its own, no telemetry and no typed errors.
/// </summary>
internal sealed class RawApiKeyClient : IDisposable
{
    /// <summary>Path of <c>GetResourceApiKey</c>.</summary>
    public const string OperationPath = "/identities/api-key";

    private const string SigningService = "bedrock-agentcore";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _client;
    private readonly Uri _operationUri;

    /// <param name="connection">Endpoint, region and credentials.</param>
    /// <param name="transport">Handler under the signer; a new <see cref="SocketsHttpHandler"/> when <c>null</c>.</param>
    public RawApiKeyClient(EmulatorConnection connection, HttpMessageHandler? transport = null)
    {
        var signer = new SigV4SigningHandler(
            connection.Credentials,
            RegionEndpoint.GetBySystemName(connection.Region),
            SigningService,
            transport ?? new SocketsHttpHandler());
        _client = new HttpClient(signer, disposeHandler: true);
        _operationUri = new Uri(connection.Endpoint, OperationPath);
    }

    /// <summary>Creates the signing handler that the SDK uses, over <paramref name="transport"/>.</summary>
    public static HttpMessageHandler CreateSigner(EmulatorConnection connection, HttpMessageHandler transport) =>
        new SigV4SigningHandler(connection.Credentials, RegionEndpoint.GetBySystemName(connection.Region), SigningService, transport);

    /// <summary>
    /// Writes the request body as the SDK does: compact JSON, the token first, and only the escaping that JSON requires.
    /// </summary>
    public static byte[] CreateBody(string workloadAccessToken, string providerName)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("workloadIdentityToken", workloadAccessToken);
            writer.WriteString("resourceCredentialProviderName", providerName);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Posts <paramref name="body"/> and returns the <c>apiKey</c> member of the response.</summary>
    /// <exception cref="HttpRequestException">The response status is not 2xx.</exception>
    /// <exception cref="InvalidOperationException">The response has no <c>apiKey</c> string.</exception>
    public async Task<string> GetApiKeyAsync(byte[] body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _operationUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = JsonContentType;

        using var response = await _client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.GetProperty("apiKey").GetString()
            ?? throw new InvalidOperationException("The GetResourceApiKey response has a null apiKey.");
    }

    public void Dispose() => _client.Dispose();
}
