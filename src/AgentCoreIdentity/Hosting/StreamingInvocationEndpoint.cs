using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace AgentCoreIdentity;

/// <summary>
/// <c>POST /invocations</c> for a handler that returns <see cref="IAsyncEnumerable{T}"/>. A caller whose
/// <c>Accept</c> header lists <c>text/event-stream</c> receives server-sent events, one <c>data:</c> event per item;
/// any other caller receives one JSON array. Both are written item by item as the handler yields them.
/// </summary>
/// <remarks>
/// A failure before the first item gets a 500 JSON error, and an <see cref="AgentCoreInvocationRejectedException"/>
/// gets its own status and JSON error. After the first item the status line has been sent, so a failure or rejection
/// then ends a server-sent event stream with an <c>error</c> event, and aborts a JSON array response so that the caller
/// never mistakes a truncated array for a complete one.
/// </remarks>
internal sealed class StreamingInvocationEndpoint<TRequest, TItem>(
    Func<TRequest, AgentCoreRequestContext, CancellationToken, IAsyncEnumerable<TItem>> handler,
    JsonTypeInfo<TRequest> requestType,
    JsonTypeInfo<TItem> itemType,
    ILogger logger)
{
    private const string EventStreamMediaType = "text/event-stream";

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] ErrorEventPrefix = "event: error\ndata: "u8.ToArray();
    private static readonly byte[] ArrayStart = "["u8.ToArray();
    private static readonly byte[] ArraySeparator = ","u8.ToArray();
    private static readonly byte[] ArrayEnd = "]"u8.ToArray();
    private static readonly byte[] EmptyArray = "[]"u8.ToArray();

    public async Task HandleAsync(HttpContext http)
    {
        var input = await InvocationRequestReader.ReadAsync(http, requestType, logger).ConfigureAwait(false);
        if (input is not var (context, payload))
        {
            return;
        }

        var cancellationToken = http.RequestAborted;
        var itemCount = 0;
        var useEvents = AcceptsEventStream(http.Request);
        try
        {
            var enumerator = handler(payload, context, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (enumerator.ConfigureAwait(false))
            {
                // The first item is awaited before the status line is sent, so an early failure still gets a 500
                // and an early rejection its own status.
                var hasItem = await enumerator.MoveNextAsync().ConfigureAwait(false);
                await StartResponseAsync(http, useEvents).ConfigureAwait(false);
                while (hasItem)
                {
                    await WriteItemAsync(http.Response, useEvents, itemCount, enumerator.Current, cancellationToken).ConfigureAwait(false);
                    itemCount++;
                    hasItem = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
            }

            if (!useEvents)
            {
                await http.Response.Body.WriteAsync(itemCount == 0 ? EmptyArray : ArrayEnd, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller disconnected, so no response can be sent.
        }
        catch (AgentCoreInvocationRejectedException ex)
        {
            await RejectAsync(http, useEvents, ex, context, itemCount).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The handler is application code: its failure is logged, and the caller gets an error without exception text.
            HostingLog.InvocationStreamFailed(logger, itemCount, context.RequestId, context.SessionId, ex);
            await WriteFailureAsync(http, useEvents, ex, context.RequestId).ConfigureAwait(false);
        }
    }

    private static bool AcceptsEventStream(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        return accepted.Any(type => type.MediaType.Equals(EventStreamMediaType, StringComparison.OrdinalIgnoreCase) && (type.Quality ?? 1) > 0);
    }

    private static async Task StartResponseAsync(HttpContext http, bool useEvents)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.StatusCode = StatusCodes.Status200OK;
        if (useEvents)
        {
            http.Response.ContentType = EventStreamMediaType;
            http.Response.Headers.CacheControl = "no-cache";
        }
        else
        {
            http.Response.ContentType = "application/json; charset=utf-8";
        }

        await http.Response.StartAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteItemAsync(HttpResponse response, bool useEvents, int index, TItem item, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(item, itemType);
        if (useEvents)
        {
            // Compact JSON has no line breaks, so one data line carries the whole item.
            await response.Body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
            await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
            await response.Body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await response.Body.WriteAsync(index == 0 ? ArrayStart : ArraySeparator, cancellationToken).ConfigureAwait(false);
            await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        }

        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a rejection's status and JSON error while the response has not started. After the first item the status
    /// line has been sent, so the rejection is written as any failure is.
    /// </summary>
    private async Task RejectAsync(HttpContext http, bool useEvents, AgentCoreInvocationRejectedException rejection, AgentCoreRequestContext context, int itemCount)
    {
        if (!http.Response.HasStarted)
        {
            HostingLog.InvocationRejectedByHandler(logger, context.RequestId, context.SessionId, rejection.StatusCode, rejection.ErrorCode);
            await InvocationErrorResponse.WriteAsync(http.Response, rejection.StatusCode, rejection.ErrorCode, rejection.Message, context.RequestId)
                .ConfigureAwait(false);
            return;
        }

        HostingLog.InvocationStreamRejected(logger, itemCount, context.RequestId, context.SessionId, rejection.StatusCode, rejection.ErrorCode);
        await WriteFailureAsync(http, useEvents, rejection, context.RequestId).ConfigureAwait(false);
    }

    private static async Task WriteFailureAsync(HttpContext http, bool useEvents, Exception exception, string requestId)
    {
        var (error, message) = InvocationErrorResponse.DescribeFailure(exception, requestId);
        if (!http.Response.HasStarted)
        {
            await InvocationErrorResponse.WriteAsync(http.Response, StatusCodes.Status500InternalServerError, error, message, requestId).ConfigureAwait(false);
            return;
        }

        if (!useEvents)
        {
            http.Abort();
            return;
        }

        var body = InvocationErrorResponse.Serialize(error, message, requestId);
        await http.Response.Body.WriteAsync(ErrorEventPrefix, http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.WriteAsync(EventEnd, http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
