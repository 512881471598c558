namespace AgentCoreIdentity;

/// <summary>
/// An error response from AgentCore Identity, or a failure to get one. Subclasses cover the errors a caller can
/// act on; this type itself stands for service errors with no more specific meaning.
/// </summary>
public class IdentityServiceException : AgentCoreIdentityException
{
    /// <summary>Creates a service error.</summary>
    /// <param name="code">One of <see cref="AgentCoreIdentityErrorCodes"/>.</param>
    /// <param name="message">What failed and what to do; must not contain a secret.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public IdentityServiceException(string code, string message, Exception? innerException = null)
        : base(code, message, innerException)
    {
    }

    /// <summary>Message text of the service response, with any secret of the request replaced by <c>***</c>.</summary>
    public string? ServiceMessage { get; internal set; }

    /// <summary>AWS region that was called.</summary>
    public string? Region { get; internal set; }

    /// <summary>
    /// Number of attempts that were sent, including the first. It is greater than 1 only for errors that are
    /// retried: throttling, HTTP 500, 502, 503 and 504, transport failures and attempt timeouts.
    /// </summary>
    public int Attempts { get; internal set; } = 1;

    /// <summary>
    /// Delay the service asked for in its last <c>Retry-After</c> header, or <c>null</c> when it sent none.
    /// </summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>
    /// Whether the service rejected the workload access token that the request carried: an access-denied or
    /// unauthorized error whose message names that token, or states that a token is invalid or has expired. Sending the
    /// same token again fails again. Use the context of the current invocation, or mint a new token with
    /// <see cref="WorkloadAccessTokenClient"/>.
    /// </summary>
    public bool IsWorkloadAccessTokenRejected { get; internal init; }
}
