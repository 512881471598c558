namespace AgentCoreIdentity;

/// <summary>What the request context does with an inbound header.</summary>
internal enum HeaderKind
{
    /// <summary>Forwarded to agent code in <see cref="ForwardedHeaders"/>.</summary>
    Forwarded,

    /// <summary>A name on the platform's restricted list: neither read nor forwarded.</summary>
    Restricted,

    /// <summary>
    /// An <c>x-amz-*</c> or <c>x-amzn-*</c> name that the platform reserves: neither read nor forwarded. Unlike a
    /// listed name, it may still contain characters that header names cannot contain.
    /// </summary>
    ReservedPrefix,

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
