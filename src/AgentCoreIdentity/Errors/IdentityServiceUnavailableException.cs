namespace AgentCoreIdentity;

/// <summary>
/// The service returned a server error (HTTP 500, 502, 503 or 504), or could not be reached, on every attempt.
/// <see cref="IdentityTimeoutException"/> derives from it, so one <c>catch</c> covers calls that timed out too.
/// </summary>
public class IdentityServiceUnavailableException : IdentityServiceException
{
    internal IdentityServiceUnavailableException(string message, Exception? innerException = null)
        : this(AgentCoreIdentityErrorCodes.ServiceUnavailable, message, innerException)
    {
    }

    private protected IdentityServiceUnavailableException(string code, string message, Exception? innerException)
        : base(code, message, innerException)
    {
    }
}
