namespace AgentCoreIdentity;

/// <summary>
/// The credential provider, workload identity or session does not exist in the region that was called
/// (<c>ResourceNotFoundException</c>, HTTP 404).
/// </summary>
public sealed class IdentityResourceNotFoundException : IdentityServiceException
{
    internal IdentityResourceNotFoundException(string message)
        : base(AgentCoreIdentityErrorCodes.ResourceNotFound, message)
    {
    }
}
