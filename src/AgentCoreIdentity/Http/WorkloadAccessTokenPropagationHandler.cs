namespace AgentCoreIdentity;

/// <summary>
/// Outbound handler that sends the invocation's workload access token in the
/// <c>X-Amz-Bedrock-AgentCore-Identity-WAT</c> header, so that another AgentCore runtime or gateway acts for the same
/// agent and end user. The token comes from the <see cref="AgentCoreRequestContext"/> carried by each request (see
/// <see cref="AgentCoreHttpRequestMessageExtensions.WithAgentCoreContext"/>).
/// </summary>
/// <remarks>
/// Add it only to clients that call AgentCore runtimes and gateways: the token is a bearer credential. The handler
/// keeps no request state. A request without a context fails with <see cref="MissingRequestContextException"/>, a
/// context without a token fails with <see cref="MissingWorkloadAccessTokenException"/>, and a plain-http URL other
/// than loopback fails with code <see cref="AgentCoreIdentityErrorCodes.Configuration"/>; none of them is sent.
/// Unlike the official Python and TypeScript SDKs, which skip the header silently when there is no token, this
/// handler fails, so that a call never goes out without the caller's identity by mistake.
/// </remarks>
public sealed class WorkloadAccessTokenPropagationHandler : DelegatingHandler
{
    private const string Credential = "the workload access token";

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AttachToken(request);
        return base.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AttachToken(request);
        return base.Send(request, cancellationToken);
    }

    private static void AttachToken(HttpRequestMessage request)
    {
        var context = OutboundRequests.RequireContext(request, nameof(WorkloadAccessTokenPropagationHandler), Credential);
        OutboundRequests.RequireSecureTransport(request, nameof(WorkloadAccessTokenPropagationHandler), Credential);

        var target = OutboundRequests.DescribeTarget(request);
        var token = context.WorkloadAccessToken;
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new MissingWorkloadAccessTokenException(target, providerName: null, context);
        }

        if (!OutboundRequests.IsValidHeaderValue(token))
        {
            throw new ArgumentException(
                $"The context's workload access token contains a line break or NUL character, so the request {target} was not sent.",
                nameof(request));
        }

        OutboundRequests.SetHeader(request, AgentCoreHeaderNames.IdentityWorkloadAccessToken, token);
    }
}
