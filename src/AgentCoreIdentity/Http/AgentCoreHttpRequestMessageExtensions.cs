using System.Diagnostics.CodeAnalysis;

namespace AgentCoreIdentity;

/// <summary>
/// Carries an invocation's <see cref="AgentCoreRequestContext"/> on an outbound <see cref="HttpRequestMessage"/>, in
/// <see cref="HttpRequestMessage.Options"/>, where the credential handlers read it. One shared
/// <see cref="HttpClient"/> can then serve every invocation, because each request brings its own context.
/// </summary>
public static class AgentCoreHttpRequestMessageExtensions
{
    private static readonly HttpRequestOptionsKey<AgentCoreRequestContext> ContextKey = new("AgentCoreIdentity.RequestContext");

    /// <summary>Attaches <paramref name="context"/> to the request, replacing any context attached before.</summary>
    /// <param name="request">The outbound request.</param>
    /// <param name="context">Context of the invocation the request belongs to.</param>
    /// <returns>The same request, for chaining.</returns>
    public static HttpRequestMessage WithAgentCoreContext(this HttpRequestMessage request, AgentCoreRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        request.Options.Set(ContextKey, context);
        return request;
    }

    /// <summary>Returns the context attached with <see cref="WithAgentCoreContext"/>, or <c>null</c> when there is none.</summary>
    /// <param name="request">The outbound request.</param>
    public static AgentCoreRequestContext? GetAgentCoreContext(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(ContextKey, out var context) ? context : null;
    }

    /// <summary>Gets the context attached with <see cref="WithAgentCoreContext"/>.</summary>
    /// <param name="request">The outbound request.</param>
    /// <param name="context">The attached context, or <c>null</c>.</param>
    /// <returns>Whether a context is attached.</returns>
    public static bool TryGetAgentCoreContext(this HttpRequestMessage request, [NotNullWhen(true)] out AgentCoreRequestContext? context)
    {
        context = request.GetAgentCoreContext();
        return context is not null;
    }
}
