using AgentCoreIdentity.DataPlane;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity;

/// <summary>
/// Turns <c>GetResourceOauth2Token</c> responses into a token: returns it at once, or runs the user-consent step and
/// polls until the token arrives. Time comes only from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class UserConsentPolling
{
    private const string InProgress = "IN_PROGRESS";
    private const string Failed = "FAILED";

    private readonly IIdentityDataPlane _dataPlane;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    public UserConsentPolling(IIdentityDataPlane dataPlane, TimeProvider time, TimeSpan interval, TimeSpan timeout, ILogger logger)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException("options", interval, "AgentCoreIdentityOptions.ConsentPollingInterval must be positive.");
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException("options", timeout, "AgentCoreIdentityOptions.ConsentTimeout must be positive.");
        }

        _dataPlane = dataPlane;
        _time = time;
        _interval = interval;
        _timeout = timeout;
        _logger = logger;
    }

    /// <summary>Handles the response to the first call of a token request, and waits for consent when the response requires it.</summary>
    public async Task<AccessTokenResult> HandleFirstResponseAsync(
        GetResourceOauth2TokenRequest wireRequest,
        GetResourceOauth2TokenResponse response,
        AccessTokenRequest request,
        CancellationToken cancellationToken)
    {
        var startedAt = _time.GetTimestamp();
        var flow = request.Flow;
        if (!string.IsNullOrEmpty(response.AccessToken))
        {
            return new AccessTokenResult(response.AccessToken, request.ProviderName, flow, wireRequest.SessionUri);
        }

        var sessionUri = response.SessionUri ?? wireRequest.SessionUri;
        if (response.SessionStatus == Failed)
        {
            AccessTokenLog.ConsentFailed(_logger, request.ProviderName, sessionUri ?? "none");
            throw new UserConsentFailedException(sessionUri ?? "(none)", request.ProviderName);
        }

        if (response.AuthorizationUrl is not null)
        {
            var prompt = CreatePrompt(wireRequest, response.AuthorizationUrl, sessionUri);
            AccessTokenLog.ConsentRequired(_logger, request.ProviderName, prompt.SessionUri, request.OnAuthorizationUrl is not null);
            if (request.OnAuthorizationUrl is null)
            {
                throw new AuthorizationRequiredException(prompt.AuthorizationUrl, prompt.SessionUri, request.ProviderName);
            }

            await request.OnAuthorizationUrl(prompt, cancellationToken).ConfigureAwait(false);
            sessionUri = prompt.SessionUri;
        }
        else if (response.SessionStatus != InProgress || wireRequest.SessionUri is null)
        {
            throw Unexpected(wireRequest, "neither an access token nor an authorization URL");
        }

        var pollRequest = wireRequest with { SessionUri = sessionUri, ForceAuthentication = null };
        return await PollAsync(pollRequest, request, startedAt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AccessTokenResult> PollAsync(
        GetResourceOauth2TokenRequest pollRequest,
        AccessTokenRequest request,
        long startedAt,
        CancellationToken cancellationToken)
    {
        var sessionUri = pollRequest.SessionUri!;
        var polls = 0;
        Exception? lastTransientError = null;
        while (true)
        {
            var elapsed = _time.GetElapsedTime(startedAt);
            if (elapsed >= _timeout)
            {
                AccessTokenLog.ConsentTimedOut(_logger, request.ProviderName, sessionUri, polls);
                throw new UserConsentTimeoutException(sessionUri, request.ProviderName, _timeout, polls, lastTransientError);
            }

            var wait = _timeout - elapsed < _interval ? _timeout - elapsed : _interval;
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            polls++;

            GetResourceOauth2TokenResponse response;
            try
            {
                response = await _dataPlane.GetResourceOauth2TokenAsync(pollRequest, cancellationToken).ConfigureAwait(false);
            }
            catch (IdentityServiceException ex) when (ex is IdentityThrottledException or IdentityServiceUnavailableException)
            {
                // A throttled or failed poll leaves the session as it was, so the next interval tries again.
                AccessTokenLog.PollFailedTransiently(_logger, ex, request.ProviderName, sessionUri, polls, ex.Code);
                lastTransientError = ex;
                continue;
            }

            lastTransientError = null;
            if (!string.IsNullOrEmpty(response.AccessToken))
            {
                AccessTokenLog.ConsentCompleted(_logger, request.ProviderName, sessionUri, polls);
                return new AccessTokenResult(response.AccessToken, request.ProviderName, request.Flow, sessionUri);
            }

            if (response.SessionStatus == Failed)
            {
                AccessTokenLog.ConsentFailed(_logger, request.ProviderName, sessionUri);
                throw new UserConsentFailedException(sessionUri, request.ProviderName);
            }

            if (response.SessionStatus != InProgress && response.AuthorizationUrl is null)
            {
                throw Unexpected(pollRequest, "neither an access token nor a session status");
            }

            AccessTokenLog.ConsentPending(_logger, request.ProviderName, sessionUri, polls);
        }
    }

    private AuthorizationPrompt CreatePrompt(GetResourceOauth2TokenRequest wireRequest, string authorizationUrl, string? sessionUri)
    {
        if (string.IsNullOrEmpty(sessionUri))
        {
            throw Unexpected(wireRequest, "an authorization URL without a session URI, so the consent session cannot be followed");
        }

        if (!Uri.TryCreate(authorizationUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw Unexpected(wireRequest, "an authorization URL that is not an absolute http or https URL");
        }

        return new AuthorizationPrompt(url, sessionUri, wireRequest.ResourceCredentialProviderName);
    }

    private UnexpectedIdentityResponseException Unexpected(GetResourceOauth2TokenRequest wireRequest, string what)
    {
        var region = _dataPlane.Region;
        return new UnexpectedIdentityResponseException(
            $"{IdentityErrorFactory.Describe(wireRequest, region)} returned {what}. The SDK never returns an empty token; retry "
            + "the call, and report it to AWS if it persists.")
        {
            Operation = wireRequest.Operation.Name,
            ProviderName = wireRequest.ResourceCredentialProviderName,
            StatusCode = 200,
            Region = region,
        };
    }
}
