namespace AgentCoreIdentity.DataPlane;

/// <summary>An AgentCore Identity data-plane operation: its model name and HTTP path (every one is a POST).</summary>
internal sealed record IdentityOperation(string Name, string Path)
{
    public static IdentityOperation GetResourceApiKey { get; } = new("GetResourceApiKey", "/identities/api-key");

    public static IdentityOperation GetResourceOauth2Token { get; } = new("GetResourceOauth2Token", "/identities/oauth2/token");

    public static IdentityOperation CompleteResourceTokenAuth { get; } =
        new("CompleteResourceTokenAuth", "/identities/CompleteResourceTokenAuth");

    public static IdentityOperation GetWorkloadAccessToken { get; } =
        new("GetWorkloadAccessToken", "/identities/GetWorkloadAccessToken");

    public static IdentityOperation GetWorkloadAccessTokenForJwt { get; } =
        new("GetWorkloadAccessTokenForJWT", "/identities/GetWorkloadAccessTokenForJWT");

    public static IdentityOperation GetWorkloadAccessTokenForUserId { get; } =
        new("GetWorkloadAccessTokenForUserId", "/identities/GetWorkloadAccessTokenForUserId");

    /// <summary>Name of the activity that traces a call, built once so that a call without listeners allocates nothing for it.</summary>
    public string ActivityName { get; } = "AgentCoreIdentity." + Name;

    public override string ToString() => Name;
}
