using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AgentCoreIdentity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the AgentCore Runtime HTTP contract, <c>POST /invocations</c> and <c>GET /ping</c>, onto an ASP.NET Core app.
/// These helpers are optional: an app can map both routes itself and call
/// <see cref="AgentCoreRequestContext.FromHttpRequest"/> in its own handler.
/// </summary>
/// <remarks>
/// <para>
/// The invocation handler receives the JSON payload, the invocation's <see cref="AgentCoreRequestContext"/> and the
/// request's cancellation token. An invalid context header gets 400 with the header's name. A body that is empty or
/// not valid JSON of the payload type gets 400 with the location of the error. A handler that finds the payload
/// invalid throws <see cref="AgentCoreInvocationRejectedException"/>, whose status, code and message the caller
/// receives. Any other handler exception is logged and gets 500 with the request id, without the exception's text.
/// Every error body is <c>{"error":CODE,"message":TEXT,"requestId":ID}</c>.
/// </para>
/// <para>
/// JSON metadata comes from the <see cref="JsonTypeInfo{T}"/> arguments, or else from the app's
/// <see cref="HttpJsonOptions"/>, as in minimal APIs. For native AOT, pass type infos from a
/// <c>JsonSerializerContext</c>, or add that context to <see cref="HttpJsonOptions"/> with
/// <c>ConfigureHttpJsonOptions</c>. Metadata is resolved when the endpoints are mapped, so a missing type fails at
/// start-up rather than on the first invocation.
/// </para>
/// </remarks>
public static class AgentCoreRuntimeEndpointRouteBuilderExtensions
{
    private const string InvocationsPattern = "/invocations";
    private const string PingPattern = "/ping";
    private const string LoggerCategory = "AgentCoreIdentity.Runtime";

    /// <summary>Maps <c>GET /ping</c> to <see cref="AgentCorePingService"/>.</summary>
    /// <param name="endpoints">The app or route group.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAgentCoreRuntime</c> was not called.</exception>
    public static IEndpointConventionBuilder MapAgentCorePing(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var ping = RequireService<AgentCorePingService>(endpoints);
        return endpoints.MapGet(PingPattern, new PingEndpoint(ping).HandleAsync);
    }

    /// <summary>
    /// Maps <c>POST /invocations</c> to a handler that returns one JSON value, and <c>GET /ping</c>. JSON metadata
    /// comes from the app's HTTP JSON options.
    /// </summary>
    /// <typeparam name="TRequest">Type of the JSON payload.</typeparam>
    /// <typeparam name="TResponse">Type of the JSON response.</typeparam>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="handler">Receives the payload, the invocation's context and the request's cancellation token.</param>
    /// <returns>Both endpoints' convention builders.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAgentCoreRuntime</c> was not called, or the JSON options have no metadata for a type.</exception>
    public static AgentCoreRuntimeEndpoints MapAgentCoreRuntime<TRequest, TResponse>(
        this IEndpointRouteBuilder endpoints,
        Func<TRequest, AgentCoreRequestContext, CancellationToken, Task<TResponse>> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = GetJsonOptions(endpoints);
        return endpoints.MapAgentCoreRuntime(handler, GetTypeInfo<TRequest>(options), GetTypeInfo<TResponse>(options));
    }

    /// <summary>Maps <c>POST /invocations</c> to a handler that returns one JSON value, and <c>GET /ping</c>.</summary>
    /// <inheritdoc cref="MapAgentCoreRuntime{TRequest, TResponse}(IEndpointRouteBuilder, Func{TRequest, AgentCoreRequestContext, CancellationToken, Task{TResponse}})" path="/typeparam"/>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="handler">Receives the payload, the invocation's context and the request's cancellation token.</param>
    /// <param name="requestTypeInfo">JSON metadata of the payload, for example from a <c>JsonSerializerContext</c>.</param>
    /// <param name="responseTypeInfo">JSON metadata of the response.</param>
    /// <returns>Both endpoints' convention builders.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAgentCoreRuntime</c> was not called.</exception>
    public static AgentCoreRuntimeEndpoints MapAgentCoreRuntime<TRequest, TResponse>(
        this IEndpointRouteBuilder endpoints,
        Func<TRequest, AgentCoreRequestContext, CancellationToken, Task<TResponse>> handler,
        JsonTypeInfo<TRequest> requestTypeInfo,
        JsonTypeInfo<TResponse> responseTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(requestTypeInfo);
        ArgumentNullException.ThrowIfNull(responseTypeInfo);

        return endpoints.MapInvocations(logger =>
            new JsonInvocationEndpoint<TRequest, TResponse>(handler, requestTypeInfo, responseTypeInfo, logger).HandleAsync);
    }

    /// <summary>
    /// Maps <c>POST /invocations</c> to a streaming handler, and <c>GET /ping</c>. A caller that accepts
    /// <c>text/event-stream</c> receives server-sent events, one per item; any other caller receives a JSON array.
    /// JSON metadata comes from the app's HTTP JSON options.
    /// </summary>
    /// <typeparam name="TRequest">Type of the JSON payload.</typeparam>
    /// <typeparam name="TItem">Type of each streamed item.</typeparam>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="handler">Receives the payload, the invocation's context and the request's cancellation token.</param>
    /// <returns>Both endpoints' convention builders.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAgentCoreRuntime</c> was not called, or the JSON options have no metadata for a type.</exception>
    public static AgentCoreRuntimeEndpoints MapAgentCoreRuntime<TRequest, TItem>(
        this IEndpointRouteBuilder endpoints,
        Func<TRequest, AgentCoreRequestContext, CancellationToken, IAsyncEnumerable<TItem>> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = GetJsonOptions(endpoints);
        return endpoints.MapAgentCoreRuntime(handler, GetTypeInfo<TRequest>(options), GetTypeInfo<TItem>(options));
    }

    /// <summary>Maps <c>POST /invocations</c> to a streaming handler, and <c>GET /ping</c>.</summary>
    /// <inheritdoc cref="MapAgentCoreRuntime{TRequest, TItem}(IEndpointRouteBuilder, Func{TRequest, AgentCoreRequestContext, CancellationToken, IAsyncEnumerable{TItem}})" path="/typeparam"/>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="handler">Receives the payload, the invocation's context and the request's cancellation token.</param>
    /// <param name="requestTypeInfo">JSON metadata of the payload, for example from a <c>JsonSerializerContext</c>.</param>
    /// <param name="itemTypeInfo">JSON metadata of each item.</param>
    /// <returns>Both endpoints' convention builders.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAgentCoreRuntime</c> was not called.</exception>
    public static AgentCoreRuntimeEndpoints MapAgentCoreRuntime<TRequest, TItem>(
        this IEndpointRouteBuilder endpoints,
        Func<TRequest, AgentCoreRequestContext, CancellationToken, IAsyncEnumerable<TItem>> handler,
        JsonTypeInfo<TRequest> requestTypeInfo,
        JsonTypeInfo<TItem> itemTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(requestTypeInfo);
        ArgumentNullException.ThrowIfNull(itemTypeInfo);

        return endpoints.MapInvocations(logger =>
            new StreamingInvocationEndpoint<TRequest, TItem>(handler, requestTypeInfo, itemTypeInfo, logger).HandleAsync);
    }

    /// <summary>Maps <c>GET /ping</c>, then <c>POST /invocations</c> to the endpoint that <paramref name="createEndpoint"/> returns for the hosting logger.</summary>
    private static AgentCoreRuntimeEndpoints MapInvocations(this IEndpointRouteBuilder endpoints, Func<ILogger, RequestDelegate> createEndpoint)
    {
        var ping = endpoints.MapAgentCorePing();
        var invocations = endpoints.MapPost(InvocationsPattern, createEndpoint(CreateLogger(endpoints)));
        return new AgentCoreRuntimeEndpoints(invocations, ping);
    }

    private static T RequireService<T>(IEndpointRouteBuilder endpoints)
        where T : class =>
        endpoints.ServiceProvider.GetService<T>()
        ?? throw new InvalidOperationException(
            $"{typeof(T).Name} is not registered. Call builder.Services.AddAgentCoreRuntime() before mapping the AgentCore Runtime endpoints.");

    private static ILogger CreateLogger(IEndpointRouteBuilder endpoints) =>
        endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;

    // A new HttpJsonOptions uses reflection metadata only where the runtime allows it, so unlike
    // JsonSerializerOptions.Web it is safe under trimming and native AOT.
    private static JsonSerializerOptions GetJsonOptions(IEndpointRouteBuilder endpoints) =>
        (endpoints.ServiceProvider.GetService<IOptions<HttpJsonOptions>>()?.Value ?? new HttpJsonOptions()).SerializerOptions;

    private static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerOptions options)
    {
        try
        {
            return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException ex)
        {
            throw new InvalidOperationException(
                $"The HTTP JSON options have no metadata for {typeof(T).FullName}. Add a JsonSerializerContext that includes it "
                + "with ConfigureHttpJsonOptions, or pass JsonTypeInfo arguments to MapAgentCoreRuntime.",
                ex);
        }
    }
}
