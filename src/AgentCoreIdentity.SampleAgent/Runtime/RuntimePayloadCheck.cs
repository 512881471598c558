using System.Text.Json;
using AgentCoreIdentity.SampleAgent.Invocations;

namespace AgentCoreIdentity.SampleAgent.Runtime;

/// <summary>
/// Checks the runtime style's body fields before <c>MapAgentCoreRuntime</c> calls the handler, so that an invalid
/// <c>repository</c> gets a 400 that names the field and the rule, as in the plain style, and no tool call or job
/// starts. <c>MapAgentCoreRuntime</c> responds with 500 to every exception that a handler throws, so the check runs as
/// middleware on the endpoint that carries <see cref="Marker"/>. It reads the buffered body and rewinds it for the
/// endpoint. A request with invalid headers or JSON passes through unchanged, and the library rejects it in its own
/// words.
/// </summary>
internal static class RuntimePayloadCheck
{
    /// <summary>Error code of a <c>repository</c> that is not <c>owner/name</c>, the same as in the plain style.</summary>
    public const string InvalidRepository = "InvalidRepository";

    /// <summary>Endpoint metadata that turns the check on.</summary>
    public static readonly object Marker = new CheckedEndpoint();

    /// <summary>Adds the check to the pipeline. It acts only on endpoints with <see cref="Marker"/>.</summary>
    public static void UseRuntimePayloadCheck(this WebApplication app) => app.Use(CheckAsync);

    private static async Task CheckAsync(HttpContext http, RequestDelegate next)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<CheckedEndpoint>() is null)
        {
            await next(http);
            return;
        }

        if (await FindErrorAsync(http) is { } error)
        {
            var logger = http.RequestServices.GetRequiredService<ILogger<ErrorBody>>();
            await error.ToResult(StatusCodes.Status400BadRequest, logger, http).ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    private static async Task<ErrorBody?> FindErrorAsync(HttpContext http)
    {
        AgentCoreRequestContext context;
        try
        {
            context = AgentCoreRequestContext.FromHttpRequest(http.Request);
        }
        catch (AgentCoreIdentityException)
        {
            return null;
        }

        http.Request.EnableBuffering();
        RuntimeInvocationRequest? payload;
        try
        {
            payload = await JsonSerializer.DeserializeAsync(http.Request.Body, RuntimeSampleJsonContext.Default.RuntimeInvocationRequest, http.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or BadHttpRequestException)
        {
            payload = null;
        }
        finally
        {
            http.Request.Body.Position = 0;
        }

        return payload?.Repository is { } repository && PayloadRules.CheckRepository(repository) is { } message
            ? new ErrorBody(InvalidRepository, message, context.RequestId)
            : null;
    }

    private sealed class CheckedEndpoint;
}
