namespace AgentCoreIdentity;

/// <summary>
/// Base type of every error this SDK raises. Messages name the operation, provider and fix, and never contain
/// a token, API key, authorization header value or authorization URL.
/// </summary>
/// <remarks>
/// Cancellation requested by the caller is never wrapped: it surfaces as <see cref="OperationCanceledException"/>.
/// </remarks>
public class AgentCoreIdentityException : Exception
{
    /// <summary>Creates an exception with a stable code and a message that is free of secrets.</summary>
    /// <param name="code">One of <see cref="AgentCoreIdentityErrorCodes"/>.</param>
    /// <param name="message">What failed and what to do; must not contain a secret.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public AgentCoreIdentityException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>Stable error code, one of <see cref="AgentCoreIdentityErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>Identity data-plane operation that failed, for example <c>GetResourceApiKey</c>.</summary>
    public string? Operation { get; internal set; }

    /// <summary>Credential provider name of the failed call, when it had one.</summary>
    public string? ProviderName { get; internal set; }

    /// <summary>HTTP status code of the service response, when the service responded.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>Error code from the service response, for example <c>AccessDeniedException</c>.</summary>
    public string? ServiceErrorCode { get; internal set; }

    /// <summary>AWS request id from the <c>x-amzn-RequestId</c> response header, for AWS support cases.</summary>
    public string? RequestId { get; internal set; }
}
