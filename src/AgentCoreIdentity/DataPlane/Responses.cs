namespace AgentCoreIdentity.DataPlane;

/// <summary>Members of a <c>GetResourceOauth2Token</c> response; the service sets none of them as required.</summary>
internal sealed record GetResourceOauth2TokenResponse(
    string? AccessToken,
    string? AuthorizationUrl,
    string? SessionUri,
    string? SessionStatus)
{
    public override string ToString() =>
        $"GetResourceOauth2TokenResponse {{ AccessToken = {Redaction.Describe(AccessToken)}, "
        + $"AuthorizationUrl = {Redaction.Describe(AuthorizationUrl)}, SessionUri = {SessionUri ?? "null"}, "
        + $"SessionStatus = {SessionStatus ?? "null"} }}";
}
