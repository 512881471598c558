namespace AgentCoreIdentity;

/// <summary>
/// Stable error codes of <see cref="AgentCoreIdentityException"/>. Each code has a row with its cause and fix
/// in <c>docs/troubleshooting.md</c>; codes are never reused for another meaning.
/// </summary>
public static class AgentCoreIdentityErrorCodes
{
    /// <summary>The request context has no workload access token.</summary>
    public const string MissingWorkloadAccessToken = "ACI1001";

    /// <summary>An inbound header that the context reads has an invalid value.</summary>
    public const string InvalidRequestHeader = "ACI1002";

    /// <summary>Two workload access token headers carry different values.</summary>
    public const string ConflictingRequestHeaders = "ACI1003";

    /// <summary>
    /// An outbound request reached a credential handler without the <see cref="AgentCoreRequestContext"/> of its
    /// invocation, so it was not sent.
    /// </summary>
    public const string MissingRequestContext = "ACI1004";

    /// <summary>AgentCore Identity or IAM denied the call.</summary>
    public const string AccessDenied = "ACI2001";

    /// <summary>The credential provider or workload identity does not exist in the region called.</summary>
    public const string ResourceNotFound = "ACI2002";

    /// <summary>The service rejected the request as invalid.</summary>
    public const string Validation = "ACI2003";

    /// <summary>The service rejected a bearer token as invalid or missing.</summary>
    public const string Unauthorized = "ACI2004";

    /// <summary>The service throttled the call on every attempt.</summary>
    public const string Throttled = "ACI2005";

    /// <summary>The service failed or could not be reached on every attempt.</summary>
    public const string ServiceUnavailable = "ACI2006";

    /// <summary>The service responded with a body that is not the documented JSON.</summary>
    public const string UnexpectedResponse = "ACI2007";

    /// <summary>AWS rejected the request signature or the signing credentials.</summary>
    public const string SignatureRejected = "ACI2008";

    /// <summary>The service returned an error that has no more specific code.</summary>
    public const string ServiceError = "ACI2009";

    /// <summary>
    /// A call exceeded its time budget: every attempt ran past the attempt timeout, or all attempts together ran past
    /// the total timeout.
    /// </summary>
    public const string Timeout = "ACI2010";

    /// <summary>A user-consent flow needs the user to open the authorization URL, and the caller chose not to wait.</summary>
    public const string AuthorizationRequired = "ACI3001";

    /// <summary>AgentCore Identity reported the user-consent session as failed.</summary>
    public const string UserConsentFailed = "ACI3002";

    /// <summary>The user did not complete consent before the polling timeout.</summary>
    public const string UserConsentTimedOut = "ACI3003";

    /// <summary>
    /// CompleteResourceTokenAuth rejected the session: it is unknown, expired or already bound, or the user
    /// identifier differs from the one that started the flow.
    /// </summary>
    public const string InvalidOAuth2Session = "ACI3004";

    /// <summary>A request to the OAuth2 return URL has no usable <c>session_id</c> query parameter.</summary>
    public const string InvalidOAuth2CallbackRequest = "ACI3005";

    /// <summary>The SDK configuration is invalid, or the region or AWS credentials could not be resolved.</summary>
    public const string Configuration = "ACI4001";
}
