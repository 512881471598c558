namespace AgentCoreIdentity;

/// <summary>
/// Outbound handler that sends an OAuth2 access token from AgentCore Identity as <c>Authorization: Bearer</c> on every
/// request, fetched with the <see cref="AgentCoreRequestContext"/> carried by that request (see
/// <see cref="AgentCoreHttpRequestMessageExtensions.WithAgentCoreContext"/>).
/// </summary>
/// <remarks>
/// <para>
/// The token request is either fixed, or built per request from the context by a factory, which lets a
/// <see cref="OAuth2Flow.UserFederation"/> request's <see cref="AccessTokenRequest.OnAuthorizationUrl"/> reach the
/// user of that invocation. Without that callback a request that needs consent fails with
/// <see cref="AuthorizationRequiredException"/>, which carries the URL to send to the user. Each request costs at least
/// one <c>GetResourceOauth2Token</c> call.
/// </para>
/// <para>
/// The handler keeps no request state. A request without a context fails with
/// <see cref="MissingRequestContextException"/>, and one to a plain-http URL other than loopback fails with code
/// <see cref="AgentCoreIdentityErrorCodes.Configuration"/>; neither is sent. Errors of the token request surface
/// unchanged. Only asynchronous sending is supported. Register it with <c>AddAgentCoreAccessToken</c>.
/// </para>
/// </remarks>
public sealed class AccessTokenHandler : DelegatingHandler
{
    private readonly AccessTokenProvider _tokens;
    private readonly Func<AgentCoreRequestContext, AccessTokenRequest> _createTokenRequest;

    /// <summary>Creates a handler that sends the same token request for every outbound request.</summary>
    /// <param name="tokens">Provider that fetches the token.</param>
    /// <param name="tokenRequest">Provider name, flow, scopes and the other members; it must not name a <c>SessionUri</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="tokenRequest"/> breaks the service's rules or names a session.</exception>
    public AccessTokenHandler(AccessTokenProvider tokens, AccessTokenRequest tokenRequest)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        CheckFixedRequest(tokenRequest);

        _tokens = tokens;
        _createTokenRequest = _ => tokenRequest;
    }

    /// <summary>Creates a handler that builds the token request from each outbound request's context.</summary>
    /// <param name="tokens">Provider that fetches the token.</param>
    /// <param name="tokenRequestFactory">Returns the token request for an invocation's context; called once per outbound request.</param>
    public AccessTokenHandler(AccessTokenProvider tokens, Func<AgentCoreRequestContext, AccessTokenRequest> tokenRequestFactory)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(tokenRequestFactory);

        _tokens = tokens;
        _createTokenRequest = tokenRequestFactory;
    }

    /// <summary>Checks a token request shared by every outbound request, so that registration fails at start-up.</summary>
    internal static void CheckFixedRequest(AccessTokenRequest tokenRequest)
    {
        ArgumentNullException.ThrowIfNull(tokenRequest);
        AccessTokenRequestRules.Check(tokenRequest);
        if (tokenRequest.SessionUri is not null)
        {
            throw new ArgumentException(
                "A token request shared by every outbound request cannot name a SessionUri, because a consent session belongs "
                + "to one user. Build the request per context with the factory overload instead.",
                nameof(tokenRequest));
        }
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        const string Credential = "an OAuth2 access token";
        var context = OutboundRequests.RequireContext(request, nameof(AccessTokenHandler), Credential);
        OutboundRequests.RequireSecureTransport(request, nameof(AccessTokenHandler), Credential);

        var tokenRequest = _createTokenRequest(context)
            ?? throw new InvalidOperationException("The token request factory of AccessTokenHandler returned null.");
        var token = await _tokens.GetAccessTokenAsync(context, tokenRequest, cancellationToken).ConfigureAwait(false);
        if (!OutboundRequests.IsValidHeaderValue(token.AccessToken))
        {
            throw new AgentCoreIdentityException(
                AgentCoreIdentityErrorCodes.UnexpectedResponse,
                $"The access token of credential provider '{token.ProviderName}' contains a line break or NUL character, so it "
                + $"cannot be sent in the Authorization header, and the request {OutboundRequests.DescribeTarget(request)} was not sent.")
            {
                ProviderName = token.ProviderName,
            };
        }

        OutboundRequests.SetHeader(request, "Authorization", "Bearer " + token.AccessToken);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Always throws: the token is fetched over the network, so only asynchronous sending is supported.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            $"{nameof(AccessTokenHandler)} fetches the access token asynchronously, so the request {OutboundRequests.DescribeTarget(request)} "
            + "was not sent. Use HttpClient.SendAsync instead of HttpClient.Send.");
}
