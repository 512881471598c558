namespace AgentCoreIdentity;

/// <summary>What the request context does with an inbound header.</summary>
internal enum HeaderKind
{
    /// <summary>Forwarded to agent code in <see cref="ForwardedHeaders"/>.</summary>
    Forwarded,

    /// <summary>Restricted by the platform allow-list: neither read nor forwarded.</summary>
    Restricted,

    /// <summary><c>X-Amz-Bedrock-AgentCore-Identity-WAT</c>.</summary>
    IdentityWorkloadAccessToken,

    /// <summary><c>WorkloadAccessToken</c>.</summary>
    WorkloadAccessToken,

    /// <summary><c>X-Amzn-Bedrock-AgentCore-Runtime-Workload-AccessToken</c>.</summary>
    RuntimeWorkloadAccessToken,

    /// <summary>Runtime session id.</summary>
    SessionId,

    /// <summary>Runtime request id.</summary>
    RequestId,

    /// <summary>Runtime end-user id.</summary>
    UserId,

    /// <summary>OAuth2 return URL.</summary>
    OAuth2CallbackUrl,

    /// <summary><c>Authorization</c>: read for its bearer token and forwarded.</summary>
    Authorization,
}
