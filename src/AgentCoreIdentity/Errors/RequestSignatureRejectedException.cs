namespace AgentCoreIdentity;

/// <summary>
/// AWS rejected the SigV4 signature or the credentials that made it, for example an unknown access key, a wrong
/// secret key, an expired session token, or a clock that is more than a few minutes off.
/// </summary>
public sealed class RequestSignatureRejectedException : IdentityServiceException
{
    internal RequestSignatureRejectedException(string message)
        : base(AgentCoreIdentityErrorCodes.SignatureRejected, message)
    {
    }
}
