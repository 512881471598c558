namespace AgentCoreIdentity;

/// <summary>The service throttled the call on every attempt (<c>ThrottlingException</c>, HTTP 429).</summary>
public sealed class IdentityThrottledException : IdentityServiceException
{
    internal IdentityThrottledException(string message)
        : base(AgentCoreIdentityErrorCodes.Throttled, message)
    {
    }
}
