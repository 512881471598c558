using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using AgentCoreIdentity.Diagnostics;
using AgentCoreIdentity.Resilience;
using Amazon.Runtime;

namespace AgentCoreIdentity.DataPlane;

/// <summary>
/// Calls the Identity data plane over HTTP. The client's handler chain retries, times out and signs every attempt
/// with SigV4 (AWSSDK.Core's <c>SigV4SigningHandler</c>), so this class writes bodies, reads responses, turns
/// failures into typed exceptions and reports each call to logging, tracing and metrics.
/// </summary>
internal sealed class HttpIdentityDataPlane : IIdentityDataPlane
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client that carries Identity calls.</summary>
    public const string HttpClientName = "AgentCoreIdentity";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly Func<HttpClient> _getClient;
    private readonly IdentityEndpointResolver _endpoint;
    private readonly IdentityTelemetry _telemetry;
    private readonly TimeSpan _totalTimeout;
    private readonly ConcurrentDictionary<IdentityOperation, Uri> _operationUris = new(ReferenceEqualityComparer.Instance);

    public HttpIdentityDataPlane(Func<HttpClient> getClient, IdentityEndpointResolver endpoint)
        : this(getClient, endpoint, new IdentityTelemetry(loggerFactory: null, meterFactory: null, TimeProvider.System))
    {
    }

    /// <param name="getClient">Returns the client whose handlers retry, time out each attempt and sign.</param>
    /// <param name="endpoint">Resolves the endpoint and region.</param>
    /// <param name="telemetry">Logging, tracing and metrics; its clock also times the total timeout.</param>
    /// <param name="totalTimeout">
    /// Time limit of a whole call, with every attempt and wait; <c>null</c> for the default of
    /// <see cref="AgentCoreIdentityRetryOptions.TotalTimeout"/>.
    /// </param>
    public HttpIdentityDataPlane(
        Func<HttpClient> getClient,
        IdentityEndpointResolver endpoint,
        IdentityTelemetry telemetry,
        TimeSpan? totalTimeout = null)
    {
        _getClient = getClient;
        _endpoint = endpoint;
        _telemetry = telemetry;
        _totalTimeout = totalTimeout ?? new AgentCoreIdentityRetryOptions().TotalTimeout;
    }

    public string Region => _endpoint.Resolve().Region;

    public Task<string> GetResourceApiKeyAsync(GetResourceApiKeyRequest request, CancellationToken cancellationToken) =>
        SendAsync(request, static response => response.RequiredString("apiKey"), cancellationToken);

    public Task<GetResourceOauth2TokenResponse> GetResourceOauth2TokenAsync(
        GetResourceOauth2TokenRequest request,
        CancellationToken cancellationToken) =>
        SendAsync(
            request,
            static response => new GetResourceOauth2TokenResponse(
                response.OptionalString("accessToken"),
                response.OptionalString("authorizationUrl"),
                response.OptionalString("sessionUri"),
                response.OptionalString("sessionStatus")),
            cancellationToken);

    public Task CompleteResourceTokenAuthAsync(CompleteResourceTokenAuthRequest request, CancellationToken cancellationToken) =>
        SendAsync(request, static _ => true, cancellationToken, allowEmptyBody: true);

    public Task<string> GetWorkloadAccessTokenAsync(GetWorkloadAccessTokenRequest request, CancellationToken cancellationToken) =>
        SendAsync(request, static response => response.RequiredString("workloadAccessToken"), cancellationToken);

    /// <summary>
    /// Sends one call, with its retries, and reads the result inside a telemetry scope, so that every outcome is
    /// logged, traced and counted once. Cancellation by the caller's token is rethrown as it is.
    /// </summary>
    private async Task<T> SendAsync<T>(
        IdentityRequest request,
        Func<SuccessResponse, T> read,
        CancellationToken cancellationToken,
        bool allowEmptyBody = false)
    {
        var state = new IdentityCallState(request.Operation.Name, request.ProviderName);
        using var call = _telemetry.StartCall(request, state);
        try
        {
            using var response = await SendCoreAsync(request, state, allowEmptyBody, cancellationToken).ConfigureAwait(false);
            var result = read(response);
            call.RecordSuccess(response.RequestId);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            call.RecordCancellation();
            throw;
        }
        catch (AgentCoreIdentityException ex)
        {
            ex.Operation ??= request.Operation.Name;
            ex.ProviderName ??= request.ProviderName;
            call.RecordFailure(ex);
            throw;
        }
    }

    private async Task<SuccessResponse> SendCoreAsync(
        IdentityRequest request,
        IdentityCallState state,
        bool allowEmptyBody,
        CancellationToken cancellationToken)
    {
        var target = _endpoint.Resolve();
        using var message = new IdentityRequestMessage(GetOperationUri(request.Operation, target), state)
        {
            Content = JsonWriting.CreateContent(request),
        };
        message.Content.Headers.ContentType = JsonContentType;

        var client = _getClient();
        HttpResponseMessage sent;

        // The total timeout bounds every attempt and every wait between attempts, so it wraps the whole send.
        using (var totalTimeout = LinkedTimeout.Start(_totalTimeout, _telemetry.Time, cancellationToken))
        {
            try
            {
                sent = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, totalTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
            {
                // The handlers saw the linked token of a timeout; the caller gets a cancellation of its own token.
                throw new OperationCanceledException(ex.Message, ex, cancellationToken);
            }
            catch (Exception ex) when (TranslateSendFailure(ex, request, target, state, client, totalTimeout.HasExpired, cancellationToken) is { } failure)
            {
                throw failure;
            }
        }

        using var response = sent;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var attempts = Math.Max(1, state.Attempts);

        if (!response.IsSuccessStatusCode)
        {
            var error = ServiceErrorResponse.Parse(response.StatusCode, response.Headers, body, response.Content.Headers.ContentType?.MediaType);
            var retryAfter = RetryAfterDelay.From(response.Headers.RetryAfter, _telemetry.Time);
            throw IdentityErrorFactory.Create(request, target.Region, error, attempts, retryAfter);
        }

        var requestId = IdentityFailureFactory.RequestIdOf(response);
        if (body.Length == 0 && allowEmptyBody)
        {
            return new SuccessResponse(JsonDocument.Parse("{}"), request, target, attempts, requestId);
        }

        var kind = ResponseBodies.ParseObject(body, out var document);
        if (document is null)
        {
            throw IdentityFailureFactory.UnexpectedBody(request, target, attempts, response, kind, body.Length);
        }

        return new SuccessResponse(document, request, target, attempts, requestId);
    }

    /// <summary>
    /// Returns the URI of an operation, built once per operation. Once resolved, the resolver returns the same target
    /// for the life of this instance, so the cached URIs stay valid. Reusing a URI also reuses the parts that
    /// <see cref="Uri"/> computes on first access, which the handlers read on every request.
    /// </summary>
    private Uri GetOperationUri(IdentityOperation operation, IdentityServiceTarget target) =>
        _operationUris.GetOrAdd(operation, static (operation, target) => target.GetOperationUri(operation.Path), target);

    /// <summary>
    /// Returns the typed exception for a request that got no response: a timeout, a transport failure or missing
    /// credentials. Returns <c>null</c> for the caller's cancellation and for any other exception, which propagate as
    /// they are.
    /// </summary>
    private AgentCoreIdentityException? TranslateSendFailure(
        Exception exception,
        IdentityRequest request,
        IdentityServiceTarget target,
        IdentityCallState state,
        HttpClient client,
        bool totalTimeoutExpired,
        CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, state.Attempts);
        return exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            OperationCanceledException cancelled when totalTimeoutExpired => IdentityFailureFactory.Timeout(
                request, target, attempts, IdentityTimeoutKind.Total, _totalTimeout, cancelled),

            // IdentityAttemptHandler throws it when an attempt runs out of time, and the retry handler passes on the last one.
            AttemptTimeoutException timeout => IdentityFailureFactory.Timeout(
                request, target, attempts, IdentityTimeoutKind.Attempt, timeout.Timeout, timeout),

            // Apart from the total timeout, only HttpClient.Timeout cancels without the caller's token. The SDK sets it
            // to infinite on its clients, so this arm matches only when someone configured a timeout on the named client.
            OperationCanceledException cancelled => IdentityFailureFactory.Timeout(
                request, target, attempts, IdentityTimeoutKind.Total, client.Timeout, cancelled),
            HttpRequestException transport => IdentityFailureFactory.Transport(request, target, attempts, transport),
            AmazonClientException credentials => new AgentCoreIdentityException(
                AgentCoreIdentityErrorCodes.Configuration,
                $"{IdentityErrorFactory.Describe(request, target.Region)} was not sent because AWS credentials could not be obtained to sign it. "
                + "Check the credential source (execution role, AWS_PROFILE or AgentCoreIdentityOptions.Credentials).",
                credentials),
            _ => null,
        };
    }

    /// <summary>A parsed 2xx response body with the facts that error messages need.</summary>
    internal sealed record SuccessResponse(
        JsonDocument Body,
        IdentityRequest Request,
        IdentityServiceTarget Target,
        int Attempts,
        string? RequestId) : IDisposable
    {
        /// <summary>Returns a string member that must be present and non-empty, or throws; never returns an empty value.</summary>
        public string RequiredString(string member)
        {
            var value = OptionalString(member);
            return string.IsNullOrEmpty(value)
                ? throw IdentityFailureFactory.MissingMember(Request, Target, Attempts, member, RequestId)
                : value;
        }

        /// <summary>Returns a string member, or <c>null</c> when it is absent or not a string.</summary>
        public string? OptionalString(string member) =>
            Body.RootElement.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        public void Dispose() => Body.Dispose();
    }
}
