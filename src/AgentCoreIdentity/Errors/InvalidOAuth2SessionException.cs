namespace AgentCoreIdentity;

/// <summary>
/// <c>CompleteResourceTokenAuth</c> rejected the consent session (<c>AccessDeniedException</c> "Invalid or expired
/// session", HTTP 403). The session is unknown, expired or already completed, or the user identifier differs from
/// the one behind the workload access token that started the flow.
/// </summary>
public sealed class InvalidOAuth2SessionException : IdentityServiceException
{
    internal InvalidOAuth2SessionException(string message, string sessionUri, string userIdentifierMember)
        : base(AgentCoreIdentityErrorCodes.InvalidOAuth2Session, message)
    {
        SessionUri = sessionUri;
        UserIdentifierMember = userIdentifierMember;
    }

    /// <summary>The session that was rejected.</summary>
    public string SessionUri { get; }

    /// <summary>Which identifier was sent: <c>userToken</c> or <c>userId</c>.</summary>
    public string UserIdentifierMember { get; }
}
