using System.Globalization;
using System.Text;

namespace AgentCoreIdentity.DataPlane;

/// <summary>Turns a service error response into the typed exception a caller can act on.</summary>
internal static class IdentityErrorFactory
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> SignatureCodes = new(StringComparer.Ordinal)
    {
        "InvalidSignatureException", "SignatureDoesNotMatch", "UnrecognizedClientException", "IncompleteSignature",
        "MissingAuthenticationTokenException", "MissingAuthenticationToken", "ExpiredTokenException", "ExpiredToken",
        "InvalidClientTokenId", "RequestExpired", "AuthFailure",
    };

    /// <summary>Returns whether an error is throttling: HTTP 429, or one of the AWS SDKs' throttling error codes.</summary>
    public static bool IsThrottling(ServiceErrorResponse error) =>
        error.StatusCode == 429 || ThrottlingCodes.Contains(error.ErrorCode);

    /// <summary>
    /// Returns whether an error is worth another attempt: throttling, HTTP 500, 502, 503 or 504, or a timeout code.
    /// Every other 4xx and 5xx is final.
    /// </summary>
    public static bool IsTransient(ServiceErrorResponse error) =>
        IsThrottling(error)
        || error.StatusCode is 500 or 502 or 503 or 504
        || error.ErrorCode is "RequestTimeout" or "RequestTimeoutException";

    /// <summary>Creates the exception for an error response to <paramref name="request"/>.</summary>
    /// <param name="request">The request that failed.</param>
    /// <param name="region">Region that was called.</param>
    /// <param name="error">The parsed error response of the last attempt.</param>
    /// <param name="attempts">Number of attempts sent, including the first.</param>
    /// <param name="retryAfter">Delay the service asked for in <c>Retry-After</c>, if any.</param>
    public static IdentityServiceException Create(
        IdentityRequest request,
        string region,
        ServiceErrorResponse error,
        int attempts,
        TimeSpan? retryAfter = null)
    {
        var serviceMessage = Scrub(error.Message, request);

        // A page from a proxy is noise in a message, so only a JSON error's message text is quoted.
        var quotedMessage = error.IsJson ? serviceMessage : null;
        var summary = Summary(request, region, error, attempts);
        var bodyNote = error.IsJson
            ? null
            : $"The response body was {ResponseBodies.Describe(error.BodyKind, error.MediaType, error.BodyLength)}, not JSON, so a proxy or load balancer may have answered instead of AgentCore Identity.";

        IdentityServiceException exception = error.ErrorCode switch
        {
            _ when IsThrottling(error) => new IdentityThrottledException(
                Compose(summary, ThrottledHint(retryAfter), quotedMessage)),
            "AccessDeniedException" or "AccessDenied" => AccessDenied(request, region, summary, serviceMessage),
            "ResourceNotFoundException" => new IdentityResourceNotFoundException(
                Compose(summary, ResourceNotFoundHint.For(request, region), serviceMessage)),
            "ValidationException" or "ValidationError" or "InvalidInputException" or "SerializationException" =>
                Validation(request, summary, serviceMessage, error),
            "UnauthorizedException" or "NotAuthorized" => Unauthorized(request, summary, serviceMessage),
            _ when SignatureCodes.Contains(error.ErrorCode) => new RequestSignatureRejectedException(
                Compose(summary, SignatureHint, serviceMessage)),
            _ when error.StatusCode >= 500 => new IdentityServiceUnavailableException(
                Compose(summary, Join(bodyNote, "This is usually temporary; try again later."), quotedMessage)),
            _ when !error.IsJson => new UnexpectedIdentityResponseException(
                Compose(summary, bodyNote + " Check the endpoint.", null)),
            _ => new IdentityServiceException(AgentCoreIdentityErrorCodes.ServiceError, Compose(summary, null, serviceMessage)),
        };

        Decorate(exception, request, region, error, serviceMessage, attempts);
        exception.RetryAfter = retryAfter;
        return exception;
    }

    /// <summary>Returns "after 1 attempt" or "after 3 attempts".</summary>
    public static string AfterAttempts(int attempts) =>
        attempts == 1 ? "after 1 attempt" : $"after {attempts.ToString(CultureInfo.InvariantCulture)} attempts";

    /// <summary>Replaces every secret of the request that the service echoed with the redaction marker.</summary>
    public static string? Scrub(string? text, IdentityRequest request)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in request.GetSecrets())
        {
            if (!string.IsNullOrEmpty(secret) && text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Redaction.Marker, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Names the operation, its target and the region, for the first sentence of every message.</summary>
    public static string Describe(IdentityRequest request, string region)
    {
        var target = request.ProviderName is null ? string.Empty : $" for credential provider '{request.ProviderName}'";
        var detail = request is GetResourceOauth2TokenRequest oauth2
            ? $" (flow {oauth2.Oauth2Flow}, scopes [{string.Join(", ", oauth2.Scopes)}])"
            : request is GetWorkloadAccessTokenRequest workload ? $" for workload identity '{workload.WorkloadName}'" : string.Empty;
        return $"AgentCore Identity {request.Operation.Name}{target}{detail} in {region}";
    }

    private const string SignatureHint =
        "AWS rejected the request signature or the credentials behind it. Check that the access key and secret key "
        + "belong together, that temporary credentials include their session token, and that this host's clock is "
        + "within 5 minutes of UTC.";

    private static string Summary(IdentityRequest request, string region, ServiceErrorResponse error, int attempts)
    {
        var requestId = error.RequestId is null ? "no request id" : $"request id {error.RequestId}";
        return $"{Describe(request, region)} failed with HTTP {error.StatusCode.ToString(CultureInfo.InvariantCulture)} {error.ErrorCode} "
            + $"{AfterAttempts(attempts)} ({requestId}).";
    }

    private static string ThrottledHint(TimeSpan? retryAfter)
    {
        const string Fix = "Lower the call rate, or ask AWS for a higher quota.";
        return retryAfter is { } wait
            ? $"The service asked to wait {wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s before the next attempt (Retry-After). {Fix}"
            : Fix;
    }

    private static string? Join(string? first, string second) => first is null ? second : first + " " + second;

    private static string Compose(string summary, string? hint, string? serviceMessage)
    {
        var builder = new StringBuilder(summary);
        if (hint is not null)
        {
            builder.Append(' ').Append(hint);
        }

        if (!string.IsNullOrWhiteSpace(serviceMessage))
        {
            builder.Append(" Service message: ").Append(serviceMessage);
        }

        return builder.ToString();
    }

    private static IdentityServiceException AccessDenied(IdentityRequest request, string region, string summary, string? serviceMessage)
    {
        var denial = AccessDeniedMessage.Parse(serviceMessage);
        if (request is CompleteResourceTokenAuthRequest binding && denial.Action is null)
        {
            return InvalidSession(binding, summary, serviceMessage);
        }

        if (denial.Action is null && WorkloadAccessTokenRejection.Matches(request, serviceMessage))
        {
            return new IdentityAccessDeniedException(Compose(summary, WorkloadAccessTokenRejection.Hint, serviceMessage))
            {
                IsWorkloadAccessTokenRejected = true,
            };
        }

        var statement = denial.GetRequiredStatement(region);

        string hint;
        if (statement is not null)
        {
            hint = $"The caller may not perform {denial.Action} on {denial.Resource ?? "the provider's secret"}. AgentCore Identity "
                + "reads the credential provider's secret with the caller's own IAM permissions, so add this statement to the "
                + $"role that signs these requests (on AgentCore Runtime, the runtime execution role): {statement}";
        }
        else if (denial.Action is not null)
        {
            var resource = denial.Resource is null ? string.Empty : $" on {denial.Resource}";
            hint = $"The caller may not perform {denial.Action}{resource}. Grant that action to the role that signs these requests.";
        }
        else
        {
            hint = "Check the IAM policy of the role that signs these requests.";
        }

        return new IdentityAccessDeniedException(Compose(summary, hint, serviceMessage))
        {
            Principal = denial.Principal,
            DeniedAction = denial.Action,
            DeniedResource = denial.Resource,
            RequiredPolicyStatement = statement,
        };
    }

    private static IdentityUnauthorizedException Unauthorized(IdentityRequest request, string summary, string? serviceMessage)
    {
        if (WorkloadAccessTokenRejection.Matches(request, serviceMessage))
        {
            return new IdentityUnauthorizedException(Compose(summary, WorkloadAccessTokenRejection.Hint, serviceMessage))
            {
                IsWorkloadAccessTokenRejected = true,
            };
        }

        const string Hint = "The workload access token or user token was rejected as invalid or expired. Mint a new one for this invocation.";
        return new IdentityUnauthorizedException(Compose(summary, Hint, serviceMessage));
    }

    /// <summary>
    /// Creates the error for a session-binding denial that names no IAM action, such as "Invalid or expired session":
    /// the service rejected the session or the user identifier, not the caller's permissions.
    /// </summary>
    private static InvalidOAuth2SessionException InvalidSession(CompleteResourceTokenAuthRequest request, string summary, string? serviceMessage)
    {
        var member = request.UserToken is null ? "userId" : "userToken";
        var hint = $"AgentCore Identity rejected consent session {request.SessionUri} for the {member} sent. The user identifier must "
            + "be the very one behind the workload access token that started the flow: the same JWT (the inbound bearer token) "
            + "that GetWorkloadAccessTokenForJWT used, or the same user id, unchanged. Bind from the request of the user who "
            + "started the flow. If the session expired or was already completed, start the flow again.";
        return new InvalidOAuth2SessionException(Compose(summary, hint, serviceMessage), request.SessionUri, member);
    }

    private static IdentityValidationException Validation(IdentityRequest request, string summary, string? serviceMessage, ServiceErrorResponse error)
    {
        var hint = new StringBuilder();
        if (error.Reason is not null)
        {
            hint.Append("Reason: ").Append(error.Reason).Append('.');
        }

        foreach (var field in error.FieldList)
        {
            hint.Append(" Field '").Append(field.Name).Append("': ").Append(Scrub(field.Message, request)).Append('.');
        }

        if (serviceMessage?.Contains("ResourceOauth2ReturnUrl", StringComparison.OrdinalIgnoreCase) == true)
        {
            hint.Append(" Register the return URL on the workload identity (allowedResourceOauth2ReturnUrls) and send it as the ")
                .Append("callback URL, or in the OAuth2CallbackUrl header.");
        }
        else if (serviceMessage?.Contains("ClientCredentials", StringComparison.OrdinalIgnoreCase) == true)
        {
            hint.Append(" AgentCore Identity could not use the OAuth2 provider's client-credentials response and does not pass ")
                .Append("on the provider's own error. Check the credential provider's client id, client secret, token endpoint ")
                .Append("and the scopes requested.");
        }

        return new IdentityValidationException(Compose(summary, hint.Length == 0 ? null : hint.ToString().Trim(), serviceMessage))
        {
            Reason = error.Reason,
            FieldList = error.FieldList.Select(field => field with { Message = Scrub(field.Message, request) ?? string.Empty }).ToArray(),
        };
    }

    private static void Decorate(
        IdentityServiceException exception,
        IdentityRequest request,
        string region,
        ServiceErrorResponse error,
        string? serviceMessage,
        int attempts)
    {
        exception.Operation = request.Operation.Name;
        exception.ProviderName = request.ProviderName;
        exception.StatusCode = error.StatusCode;
        exception.ServiceErrorCode = error.ErrorCode;
        exception.RequestId = error.RequestId;
        exception.ServiceMessage = serviceMessage;
        exception.Region = region;
        exception.Attempts = attempts;
    }
}
