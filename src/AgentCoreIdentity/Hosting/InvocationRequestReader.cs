using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity;

/// <summary>
/// Reads the request context and the JSON payload of <c>POST /invocations</c>, and responds with 400 and a clear body when
/// either is invalid.
/// </summary>
internal static class InvocationRequestReader
{
    /// <summary>
    /// Returns the context and payload, or <c>null</c> after writing an error response. Cancellation of the request
    /// surfaces as <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<(AgentCoreRequestContext Context, TRequest Payload)?> ReadAsync<TRequest>(
        HttpContext http,
        JsonTypeInfo<TRequest> payloadType,
        ILogger logger)
    {
        AgentCoreRequestContext context;
        try
        {
            context = AgentCoreRequestContext.FromHttpRequest(http.Request);
        }
        catch (AgentCoreIdentityException ex)
        {
            await RejectAsync(http, logger, StatusCodes.Status400BadRequest, ex.Code, ex.Message, requestId: null).ConfigureAwait(false);
            return null;
        }

        if (http.Request.ContentLength == 0 || http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false)
        {
            var message = InvocationBodyErrors.Empty(http.Request, payloadType);
            await RejectAsync(http, logger, StatusCodes.Status400BadRequest, InvocationErrorResponse.EmptyBody, message, context.RequestId).ConfigureAwait(false);
            return null;
        }

        TRequest? payload;
        try
        {
            payload = await JsonSerializer.DeserializeAsync(http.Request.Body, payloadType, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await RejectAsync(http, logger, StatusCodes.Status400BadRequest, InvocationErrorResponse.InvalidJson, InvocationBodyErrors.Invalid(http.Request, ex, payloadType), context.RequestId)
                .ConfigureAwait(false);
            return null;
        }
        catch (BadHttpRequestException ex)
        {
            var message = $"The request body could not be read: {ex.Message}";
            await RejectAsync(http, logger, ex.StatusCode, InvocationErrorResponse.UnreadableBody, message, context.RequestId).ConfigureAwait(false);
            return null;
        }

        if (payload is null)
        {
            var message = InvocationBodyErrors.Null(http.Request, payloadType);
            await RejectAsync(http, logger, StatusCodes.Status400BadRequest, InvocationErrorResponse.InvalidJson, message, context.RequestId).ConfigureAwait(false);
            return null;
        }

        return (context, payload);
    }

    private static async Task RejectAsync(HttpContext http, ILogger logger, int statusCode, string error, string message, string? requestId)
    {
        HostingLog.InvocationRejected(logger, statusCode, error, message);
        await InvocationErrorResponse.WriteAsync(http.Response, statusCode, error, message, requestId).ConfigureAwait(false);
    }
}
