namespace AgentCoreIdentity;

/// <summary>
/// Thrown by an outbound credential handler, before anything is sent, when the request carries no
/// <see cref="AgentCoreRequestContext"/>. The handler cannot tell whose credentials to attach, and it never sends a
/// request without them.
/// </summary>
public sealed class MissingRequestContextException : AgentCoreIdentityException
{
    internal MissingRequestContextException(string handlerName, string credential, string requestTarget)
        : base(
            AgentCoreIdentityErrorCodes.MissingRequestContext,
            $"The outbound request {requestTarget} carries no AgentCoreRequestContext, so {handlerName} cannot attach "
            + $"{credential}, and the request was not sent. Attach the context of the invocation the call belongs to with "
            + "request.WithAgentCoreContext(context) before sending the request.")
    {
        HandlerName = handlerName;
        RequestTarget = requestTarget;
    }

    /// <summary>Type name of the handler that rejected the request, for example <c>ApiKeyHandler</c>.</summary>
    public string HandlerName { get; }

    /// <summary>Method and URL of the rejected request, without the query string.</summary>
    public string RequestTarget { get; }
}
