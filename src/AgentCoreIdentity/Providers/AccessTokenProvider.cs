using AgentCoreIdentity.DataPlane;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentCoreIdentity;

/// <summary>
/// Gets OAuth2 access tokens from AgentCore Identity credential providers (M2M, user federation with consent, and
/// token exchange) for the agent and end user named by a request context, and binds user-consent sessions to the
/// user who started them.
/// </summary>
/// <remarks>
/// Create one instance and reuse it: it is thread-safe and keeps no per-request state. The role that signs the
/// requests needs <c>bedrock-agentcore:GetResourceOauth2Token</c> (and <c>bedrock-agentcore:CompleteResourceTokenAuth</c>
/// for session binding) and, because the service reads the provider's client secret with the caller's permissions,
/// <c>secretsmanager:GetSecretValue</c> on <c>arn:aws:secretsmanager:REGION:ACCOUNT:secret:bedrock-agentcore-identity!*</c>.
/// No log line, message or <c>ToString</c> of this SDK contains a token or an authorization URL.
/// </remarks>
public sealed class AccessTokenProvider
{
    private readonly IIdentityDataPlane _dataPlane;
    private readonly UserConsentPolling _polling;
    private readonly ILogger _logger;

    /// <summary>Creates a provider with its own HTTP client, for use without dependency injection.</summary>
    /// <param name="options">Endpoint, region, credential and consent-polling settings.</param>
    /// <param name="timeProvider">Clock for consent polling; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    /// <param name="logger">Receives consent-flow events; none are written when <c>null</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A consent-polling option is not positive.</exception>
    public AccessTokenProvider(AgentCoreIdentityOptions options, TimeProvider? timeProvider = null, ILogger<AccessTokenProvider>? logger = null)
        : this(new IdentityClientFactory(options).CreateStandaloneDataPlane(), options, timeProvider ?? TimeProvider.System, logger)
    {
    }

    internal AccessTokenProvider(IIdentityDataPlane dataPlane, AgentCoreIdentityOptions options, TimeProvider timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _dataPlane = dataPlane;
        _logger = logger ?? NullLogger.Instance;
        _polling = new UserConsentPolling(dataPlane, timeProvider, options.ConsentPollingInterval, options.ConsentTimeout, _logger);
    }

    /// <summary>
    /// Returns an OAuth2 access token from the credential provider named in <paramref name="request"/>, with signed
    /// <c>GetResourceOauth2Token</c> calls that carry the context's workload access token.
    /// </summary>
    /// <remarks>
    /// When a <see cref="OAuth2Flow.UserFederation"/> request needs the user's consent, the provider awaits
    /// <see cref="AccessTokenRequest.OnAuthorizationUrl"/> and then polls every
    /// <see cref="AgentCoreIdentityOptions.ConsentPollingInterval"/> until the token arrives, the session fails, a
    /// non-transient error occurs, <see cref="AgentCoreIdentityOptions.ConsentTimeout"/> elapses, or
    /// <paramref name="cancellationToken"/> is cancelled. Each poll repeats the first call with <c>sessionUri</c>
    /// added and <c>forceAuthentication</c> left out. Without the callback it throws
    /// <see cref="AuthorizationRequiredException"/> instead of waiting.
    /// </remarks>
    /// <param name="context">Context of the invocation the token is for.</param>
    /// <param name="request">Provider, flow, scopes and the other token-request members.</param>
    /// <param name="cancellationToken">Cancels the call and stops polling at once.</param>
    /// <returns>The token; never empty.</returns>
    /// <exception cref="ArgumentException">A member of <paramref name="request"/> breaks the service's rules; nothing was sent.</exception>
    /// <exception cref="MissingWorkloadAccessTokenException">The context has no workload access token; nothing was sent.</exception>
    /// <exception cref="AuthorizationRequiredException">The user must consent and no callback was set.</exception>
    /// <exception cref="UserConsentFailedException">The service reported the consent session as failed.</exception>
    /// <exception cref="UserConsentTimeoutException">Consent did not complete within the timeout.</exception>
    /// <exception cref="IdentityValidationException">The service rejected the request, for example an unregistered return URL.</exception>
    /// <exception cref="IdentityServiceException">Another service error.</exception>
    public async Task<AccessTokenResult> GetAccessTokenAsync(
        AgentCoreRequestContext context,
        AccessTokenRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        AccessTokenRequestRules.Check(request);
        var workloadAccessToken = IdentityArguments.RequireWorkloadAccessToken(
            context, IdentityOperation.GetResourceOauth2Token.Name, request.ProviderName);
        var returnUrl = AccessTokenRequestRules.ResolveReturnUrl(context, request);

        var wireRequest = new GetResourceOauth2TokenRequest
        {
            WorkloadIdentityToken = workloadAccessToken,
            ResourceCredentialProviderName = request.ProviderName,
            Scopes = [.. request.Scopes],
            Oauth2Flow = request.Flow.Value,
            SessionUri = request.SessionUri,
            ResourceOauth2ReturnUrl = returnUrl,
            ForceAuthentication = request.ForceAuthentication ? true : null,
            CustomParameters = request.CustomParameters is null ? null : new Dictionary<string, string>(request.CustomParameters, StringComparer.Ordinal),
            CustomState = request.CustomState,
            Resources = request.Resources is null ? null : [.. request.Resources],
            Audiences = request.Audiences is null ? null : [.. request.Audiences],
        };

        var response = await _dataPlane.GetResourceOauth2TokenAsync(wireRequest, cancellationToken).ConfigureAwait(false);
        return await _polling.HandleFirstResponseAsync(wireRequest, response, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Binds a consent session to its user with one signed <c>CompleteResourceTokenAuth</c> call, naming the user by
    /// the artifact the context's workload access token was minted with: the inbound bearer JWT as <c>userToken</c>,
    /// else the user id as <c>userId</c>, unchanged. Call it from the return URL endpoint, with the context of the
    /// user's request to it.
    /// </summary>
    /// <param name="context">Context whose <see cref="AgentCoreRequestContext.UserToken"/> or <see cref="AgentCoreRequestContext.UserId"/> names the user.</param>
    /// <param name="sessionUri">The session, as <see cref="OAuth2CallbackRequest.GetSessionUri(Microsoft.AspNetCore.Http.HttpRequest)"/> returns it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The context names no user, or <paramref name="sessionUri"/> is not a session URI; nothing was sent.</exception>
    /// <exception cref="InvalidOAuth2SessionException">The service rejected the session or the user identifier.</exception>
    /// <exception cref="IdentityServiceException">Another service error.</exception>
    public Task CompleteResourceTokenAuthAsync(
        AgentCoreRequestContext context,
        string sessionUri,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CompleteResourceTokenAuthAsync(UserIdentifier.FromContext(context), sessionUri, cancellationToken);
    }

    /// <summary>
    /// Binds a consent session to the user named explicitly by <paramref name="userIdentifier"/>, which must be the
    /// JWT or user id that minted the workload access token that started the flow.
    /// </summary>
    /// <param name="userIdentifier">The user's JWT or user id.</param>
    /// <param name="sessionUri">The session URI.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="sessionUri"/> is not a session URI; nothing was sent.</exception>
    /// <exception cref="InvalidOAuth2SessionException">The service rejected the session or the user identifier.</exception>
    /// <exception cref="IdentityServiceException">Another service error.</exception>
    public async Task CompleteResourceTokenAuthAsync(
        UserIdentifier userIdentifier,
        string sessionUri,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIdentifier);
        AccessTokenRequestRules.CheckSessionUri(sessionUri, "The session URI", nameof(sessionUri));

        var request = new CompleteResourceTokenAuthRequest(sessionUri, userIdentifier.UserId, userIdentifier.UserToken);
        await _dataPlane.CompleteResourceTokenAuthAsync(request, cancellationToken).ConfigureAwait(false);
        AccessTokenLog.SessionBound(_logger, sessionUri, userIdentifier.UserToken is null ? "userId" : "userToken");
    }
}
