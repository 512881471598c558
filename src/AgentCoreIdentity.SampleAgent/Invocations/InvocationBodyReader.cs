using System.Text.Json;
using System.Text.Json.Serialization;
using AgentCoreIdentity.SampleAgent.Jobs;
using Microsoft.AspNetCore.Http.Features;

namespace AgentCoreIdentity.SampleAgent.Invocations;

/// <summary>
/// Reads and checks the body of the plain style's <c>POST /invocations</c>. Every problem becomes a 400 (or the
/// status Kestrel chose for an unreadable body) whose message names the field, the position or the header to fix.
/// </summary>
internal static class InvocationBodyReader
{
    /// <summary>Error code of an empty body.</summary>
    public const string EmptyBody = "EmptyBody";

    /// <summary>Error code of a body that is not a JSON object of the expected shape.</summary>
    public const string InvalidJson = "InvalidJson";

    /// <summary>Error code of a body that could not be read, for example because it is too large.</summary>
    public const string UnreadableBody = "UnreadableBody";

    /// <summary>Returns the checked payload and the worker it names, or the error response to send instead.</summary>
    public static async Task<(InvocationPayload? Payload, WorkerKind Worker, IResult? Error)> ReadAsync(HttpRequest request, ILogger logger)
    {
        var payloadType = PlainJsonContext.Default.InvocationPayload;
        if (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false)
        {
            return Reject(logger, request, EmptyBody, JsonBodyMessages.Empty(request, payloadType));
        }

        InvocationPayload? payload;
        try
        {
            payload = await JsonSerializer.DeserializeAsync(request.Body, payloadType, request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Reject(logger, request, InvalidJson, JsonBodyMessages.Invalid(request, ex, payloadType));
        }
        catch (BadHttpRequestException ex)
        {
            return Reject(logger, request, UnreadableBody, $"The request body could not be read: {ex.Message}", ex.StatusCode);
        }

        if (payload is null)
        {
            return Reject(logger, request, InvalidJson, JsonBodyMessages.Null(request, payloadType));
        }

        if (!WorkerKinds.TryParse(payload.Worker, out var worker))
        {
            return Reject(logger, request, "InvalidWorker", "The body field 'worker' must be task, thread, channel, parallel or threadpool; leave it out for task.");
        }

        if (payload.Provider is not null && PayloadRules.CheckProvider(payload.Provider, "the body field 'provider'") is { } providerError)
        {
            return Reject(logger, request, "InvalidProvider", providerError);
        }

        if (payload.Repository is not null && PayloadRules.CheckRepository(payload.Repository) is { } repositoryError)
        {
            return Reject(logger, request, "InvalidRepository", repositoryError);
        }

        return (payload, worker, null);
    }

    private static (InvocationPayload?, WorkerKind, IResult?) Reject(
        ILogger logger,
        HttpRequest request,
        string error,
        string message,
        int statusCode = StatusCodes.Status400BadRequest) =>
        (null, default, new ErrorBody(error, message).ToResult(statusCode, logger, request.HttpContext));
}

/// <summary>
/// Source-generated JSON metadata of the plain style's payload. An unknown field is rejected rather than ignored, so a
/// misspelt or other-style field such as <c>background</c> gets a 400 that names it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(InvocationPayload))]
internal sealed partial class PlainJsonContext : JsonSerializerContext;
