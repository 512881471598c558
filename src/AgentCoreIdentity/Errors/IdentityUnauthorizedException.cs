namespace AgentCoreIdentity;

/// <summary>The service rejected a bearer token as invalid or missing (<c>UnauthorizedException</c>, HTTP 401).</summary>
public sealed class IdentityUnauthorizedException : IdentityServiceException
{
    internal IdentityUnauthorizedException(string message)
        : base(AgentCoreIdentityErrorCodes.Unauthorized, message)
    {
    }
}
