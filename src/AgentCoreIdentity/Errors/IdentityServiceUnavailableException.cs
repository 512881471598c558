namespace AgentCoreIdentity;

/// <summary>
/// The service returned a server error (HTTP 5xx), timed out, or could not be reached, on every attempt.
/// </summary>
public sealed class IdentityServiceUnavailableException : IdentityServiceException
{
    internal IdentityServiceUnavailableException(string message, Exception? innerException = null)
        : base(AgentCoreIdentityErrorCodes.ServiceUnavailable, message, innerException)
    {
    }
}
