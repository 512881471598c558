using System.Text;
using System.Text.Json;
using AgentCoreIdentity.Emulator.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Emulator.Api;

/// <summary>
/// Serves the Identity data-plane paths: reads the body, verifies the signature, runs the operation, writes a
/// rest-json response and records the exchange.
/// </summary>
internal sealed class IdentityApi
{
    private const int MaxBodyBytes = 1024 * 1024;

    private static readonly Dictionary<string, (string Name, Func<OperationContext, ApiResult> Handle)> Operations = new(StringComparer.Ordinal)
    {
        ["/identities/api-key"] = ("GetResourceApiKey", ApiKeyOperation.Handle),
        ["/identities/GetWorkloadAccessToken"] = ("GetWorkloadAccessToken", WorkloadTokenOperations.HandleAnonymous),
        ["/identities/GetWorkloadAccessTokenForJWT"] = ("GetWorkloadAccessTokenForJWT", WorkloadTokenOperations.HandleForJwt),
        ["/identities/GetWorkloadAccessTokenForUserId"] = ("GetWorkloadAccessTokenForUserId", WorkloadTokenOperations.HandleForUserId),
        ["/identities/oauth2/token"] = ("GetResourceOauth2Token", OAuth2TokenOperation.Handle),
        ["/identities/CompleteResourceTokenAuth"] = ("CompleteResourceTokenAuth", CompleteResourceTokenAuthOperation.Handle),
    };

    private readonly EmulatorStore _store;
    private readonly SigV4Verifier _verifier;
    private readonly string _region;
    private readonly string _accountId;
    private readonly ILogger _logger;

    public IdentityApi(EmulatorStore store, SigV4Verifier verifier, string region, string accountId, ILogger logger)
    {
        _store = store;
        _verifier = verifier;
        _region = region;
        _accountId = accountId;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var sequence = _store.NextSequence();
        var receivedAt = _store.Time.GetUtcNow();
        var request = http.Request;
        var body = await ReadBodyAsync(request, http.RequestAborted);

        var signature = _verifier.Verify(request, body);
        var path = request.Path.Value ?? string.Empty;
        Operations.TryGetValue(path, out var operation);

        var (result, parsed) = Run(signature, operation, body, request.Method);
        using (parsed)
        {
            _store.Record(new RecordedRequest
            {
                Sequence = sequence,
                ReceivedAt = receivedAt,
                Method = request.Method,
                Path = path,
                Operation = operation.Name,
                ContentType = request.ContentType,
                SignatureValid = signature.IsValid,
                AccessKeyId = signature.AccessKey?.AccessKeyId,
                SignedHeaders = SignedHeadersOf(request),
                Body = Encoding.UTF8.GetString(body),
                WorkloadAccessToken = StringMember(parsed, "workloadIdentityToken"),
                ProviderName = StringMember(parsed, "resourceCredentialProviderName"),
                StatusCode = result.StatusCode,
                ErrorCode = result.ErrorCode,
            });
        }

        if (result.ErrorCode is not null)
        {
            _logger.LogInformation("{Method} {Path} -> {Status} {ErrorCode}", request.Method, path, result.StatusCode, result.ErrorCode);
        }

        await WriteAsync(http.Response, result);
    }

    private (ApiResult Result, JsonDocument? Parsed) Run(
        SignatureCheck signature,
        (string Name, Func<OperationContext, ApiResult> Handle) operation,
        byte[] body,
        string method)
    {
        var parsedBody = RequestBody.TryParse(body, out var document);
        if (!signature.IsValid)
        {
            return (ApiResult.Error(signature.StatusCode, signature.ErrorCode!, signature.Message!), document);
        }

        if (operation.Handle is null || !HttpMethods.IsPost(method))
        {
            return (ApiResult.Error(404, "UnknownOperationException", "The requested operation is not recognized by the service."), document);
        }

        if (parsedBody is null)
        {
            return (ApiResult.Validation("CannotParse", [("body", "Request body must be a JSON object")]), document);
        }

        var context = new OperationContext(signature.AccessKey!, parsedBody, _store, _region, _accountId);
        return (operation.Handle(context), document);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IReadOnlyList<string> SignedHeadersOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string Marker = "SignedHeaders=";
        var start = authorization.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        start += Marker.Length;
        var end = authorization.IndexOf(',', start);
        return authorization[start..(end < 0 ? authorization.Length : end)].Split(';');
    }

    private static string? StringMember(JsonDocument? document, string name) =>
        document is not null
        && document.RootElement.ValueKind == JsonValueKind.Object
        && document.RootElement.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static async Task WriteAsync(HttpResponse response, ApiResult result)
    {
        response.StatusCode = result.StatusCode;
        response.ContentType = "application/json";
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (result.ErrorCode is not null)
        {
            response.Headers["x-amzn-ErrorType"] = result.ErrorCode;
        }

        await response.WriteAsync(result.Body.ToJsonString());
    }
}
