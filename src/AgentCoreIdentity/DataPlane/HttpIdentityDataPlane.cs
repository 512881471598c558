using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;

namespace AgentCoreIdentity.DataPlane;

/// <summary>
/// Calls the Identity data plane over HTTP. The client's handler chain signs every request with SigV4
/// (AWSSDK.Core's <c>SigV4SigningHandler</c>), so this class only writes bodies and reads responses.
/// </summary>
internal sealed class HttpIdentityDataPlane : IIdentityDataPlane
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client that carries Identity calls.</summary>
    public const string HttpClientName = "AgentCoreIdentity";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly Func<HttpClient> _getClient;
    private readonly IdentityEndpointResolver _endpoint;

    public HttpIdentityDataPlane(Func<HttpClient> getClient, IdentityEndpointResolver endpoint)
    {
        _getClient = getClient;
        _endpoint = endpoint;
    }

    public string Region => _endpoint.Resolve().Region;

    public async Task<string> GetResourceApiKeyAsync(GetResourceApiKeyRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return RequiredString(response, "apiKey", request);
    }

    public async Task<GetResourceOauth2TokenResponse> GetResourceOauth2TokenAsync(
        GetResourceOauth2TokenRequest request,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = response.Body.RootElement;
        return new GetResourceOauth2TokenResponse(
            OptionalString(root, "accessToken"),
            OptionalString(root, "authorizationUrl"),
            OptionalString(root, "sessionUri"),
            OptionalString(root, "sessionStatus"));
    }

    public async Task CompleteResourceTokenAuthAsync(CompleteResourceTokenAuthRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken, allowEmptyBody: true).ConfigureAwait(false);
    }

    public async Task<string> GetWorkloadAccessTokenAsync(GetWorkloadAccessTokenRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return RequiredString(response, "workloadAccessToken", request);
    }

    private async Task<SuccessResponse> SendAsync(
        IdentityRequest request,
        CancellationToken cancellationToken,
        bool allowEmptyBody = false)
    {
        var target = _endpoint.Resolve();
        using var message = new HttpRequestMessage(HttpMethod.Post, target.GetOperationUri(request.Operation.Path))
        {
            Content = new ByteArrayContent(JsonWriting.Serialize(request)),
        };
        message.Content.Headers.ContentType = JsonContentType;

        using var response = await SendWithTransportErrorsAsync(message, request, target, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

        if (!response.IsSuccessStatusCode)
        {
            var error = ServiceErrorResponse.Parse(response.StatusCode, response.Headers, body);
            throw IdentityErrorFactory.Create(request, target.Region, error, attempts: 1);
        }

        var document = body.Length == 0 && allowEmptyBody
            ? JsonDocument.Parse("{}")
            : ParseSuccessBody(body, request, target.Region, response);
        return new SuccessResponse(document, target.Region, RequestIdOf(response));
    }

    private async Task<HttpResponseMessage> SendWithTransportErrorsAsync(
        HttpRequestMessage message,
        IdentityRequest request,
        IdentityServiceTarget target,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _getClient().SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw TransportError(request, target, "timed out", ex);
        }
        catch (HttpRequestException ex)
        {
            throw TransportError(request, target, "could not reach the endpoint", ex);
        }
        catch (AmazonClientException ex)
        {
            throw new AgentCoreIdentityException(
                AgentCoreIdentityErrorCodes.Configuration,
                $"{IdentityErrorFactory.Describe(request, target.Region)} was not sent because AWS credentials could not be obtained to sign it. "
                + "Check the credential source (execution role, AWS_PROFILE or AgentCoreIdentityOptions.Credentials).",
                ex)
            {
                Operation = request.Operation.Name,
                ProviderName = request.ProviderName,
            };
        }
    }

    private static IdentityServiceUnavailableException TransportError(
        IdentityRequest request,
        IdentityServiceTarget target,
        string what,
        Exception inner) =>
        new($"{IdentityErrorFactory.Describe(request, target.Region)} {what} ({target.BaseAddress.GetLeftPart(UriPartial.Authority)}). "
            + "Check network access to the endpoint; the error is usually temporary.", inner)
        {
            Operation = request.Operation.Name,
            ProviderName = request.ProviderName,
            Region = target.Region,
        };

    private static JsonDocument ParseSuccessBody(byte[] body, IdentityRequest request, string region, HttpResponseMessage response)
    {
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        throw new UnexpectedIdentityResponseException(
            $"{IdentityErrorFactory.Describe(request, region)} returned HTTP {(int)response.StatusCode} with a body that is not a JSON "
            + $"object ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}, {body.Length} bytes). A proxy or load "
            + "balancer may have answered instead of AgentCore Identity; check the endpoint.")
        {
            Operation = request.Operation.Name,
            ProviderName = request.ProviderName,
            StatusCode = (int)response.StatusCode,
            Region = region,
            RequestId = RequestIdOf(response),
        };
    }

    private static string RequiredString(SuccessResponse response, string member, IdentityRequest request)
    {
        var value = OptionalString(response.Body.RootElement, member);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        throw new UnexpectedIdentityResponseException(
            $"{IdentityErrorFactory.Describe(request, response.Region)} returned a response without '{member}' "
            + $"(request id {response.RequestId ?? "none"}). The SDK never returns an empty value; retry the call, and report the "
            + "request id to AWS if it persists.")
        {
            Operation = request.Operation.Name,
            ProviderName = request.ProviderName,
            StatusCode = 200,
            Region = response.Region,
            RequestId = response.RequestId,
        };
    }

    private static string? OptionalString(JsonElement root, string member) =>
        root.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var values) ? values.FirstOrDefault() : null;

    /// <summary>A parsed 2xx response body with the facts that error messages need.</summary>
    private sealed record SuccessResponse(JsonDocument Body, string Region, string? RequestId) : IDisposable
    {
        public void Dispose() => Body.Dispose();
    }
}
