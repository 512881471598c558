namespace AgentCoreIdentity;

/// <summary>
/// The service responded with a body that is not the documented JSON: empty, HTML, malformed, or missing a
/// required member. The SDK never turns such a response into a null key or an empty token.
/// </summary>
public sealed class UnexpectedIdentityResponseException : IdentityServiceException
{
    internal UnexpectedIdentityResponseException(string message, Exception? innerException = null)
        : base(AgentCoreIdentityErrorCodes.UnexpectedResponse, message, innerException)
    {
    }
}
