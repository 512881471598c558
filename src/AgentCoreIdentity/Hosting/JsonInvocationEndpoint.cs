using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity;

/// <summary><c>POST /invocations</c> for a handler that returns one JSON value.</summary>
internal sealed class JsonInvocationEndpoint<TRequest, TResponse>(
    Func<TRequest, AgentCoreRequestContext, CancellationToken, Task<TResponse>> handler,
    JsonTypeInfo<TRequest> requestType,
    JsonTypeInfo<TResponse> responseType,
    ILogger logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var input = await InvocationRequestReader.ReadAsync(http, requestType, logger).ConfigureAwait(false);
        if (input is not var (context, payload))
        {
            return;
        }

        byte[] body;
        try
        {
            var response = await handler(payload, context, http.RequestAborted).ConfigureAwait(false);

            // Serialized before anything is sent, so that a serialization failure still gets a 500 body.
            body = JsonSerializer.SerializeToUtf8Bytes(response, responseType);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller disconnected, so no response can be sent.
            return;
        }
        catch (AgentCoreInvocationRejectedException ex)
        {
            // The handler rejected the caller's input, and wrote the code and message for the caller.
            HostingLog.InvocationRejectedByHandler(logger, context.RequestId, context.SessionId, ex.StatusCode, ex.ErrorCode);
            await InvocationErrorResponse.WriteAsync(http.Response, ex.StatusCode, ex.ErrorCode, ex.Message, context.RequestId).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            // The handler is application code: any failure becomes a 500 whose body contains no exception text.
            HostingLog.InvocationFailed(logger, context.RequestId, context.SessionId, ex);
            var (error, message) = InvocationErrorResponse.DescribeFailure(ex, context.RequestId);
            await InvocationErrorResponse.WriteAsync(http.Response, StatusCodes.Status500InternalServerError, error, message, context.RequestId)
                .ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }
}
