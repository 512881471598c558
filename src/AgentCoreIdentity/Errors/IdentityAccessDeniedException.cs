namespace AgentCoreIdentity;

/// <summary>
/// AgentCore Identity or IAM denied the call (<c>AccessDeniedException</c>, HTTP 403). When the service message
/// names the denied action and resource, they are parsed into <see cref="DeniedAction"/> and
/// <see cref="DeniedResource"/>. For actions whose fix this SDK has, <see cref="RequiredPolicyStatement"/> gives the
/// grant to add. When the message is about the request's workload access token instead,
/// <see cref="IdentityServiceException.IsWorkloadAccessTokenRejected"/> is <c>true</c> and the IAM members are <c>null</c>.
/// </summary>
public sealed class IdentityAccessDeniedException : IdentityServiceException
{
    internal IdentityAccessDeniedException(string message)
        : base(AgentCoreIdentityErrorCodes.AccessDenied, message)
    {
    }

    /// <summary>Principal ARN named in the service message, such as the runtime execution role's session.</summary>
    public string? Principal { get; init; }

    /// <summary>IAM action named in the service message, such as <c>secretsmanager:GetSecretValue</c>.</summary>
    public string? DeniedAction { get; init; }

    /// <summary>Resource ARN named in the service message.</summary>
    public string? DeniedResource { get; init; }

    /// <summary>
    /// IAM policy statement (JSON) that grants the denied action, for the role that signs the requests; <c>null</c>
    /// when the SDK does not know the right grant.
    /// </summary>
    public string? RequiredPolicyStatement { get; init; }
}
