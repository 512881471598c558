using System.Text.Json;

namespace AgentCoreIdentity.DataPlane;

/// <summary>Body of <c>GetResourceApiKey</c>.</summary>
internal sealed record GetResourceApiKeyRequest(string WorkloadIdentityToken, string ResourceCredentialProviderName)
    : IdentityRequest
{
    public override IdentityOperation Operation => IdentityOperation.GetResourceApiKey;

    public override string? ProviderName => ResourceCredentialProviderName;

    public override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("workloadIdentityToken", WorkloadIdentityToken);
        writer.WriteString("resourceCredentialProviderName", ResourceCredentialProviderName);
    }

    public override byte[]? TryWritePlainBody() => PlainJsonObject.TryWrite(
        [("workloadIdentityToken", WorkloadIdentityToken), ("resourceCredentialProviderName", ResourceCredentialProviderName)]);

    public override IEnumerable<string?> GetSecrets() => [WorkloadIdentityToken];

    public override string ToString() => $"{Operation} {{ provider = {ResourceCredentialProviderName} }}";
}

/// <summary>Body of <c>GetResourceOauth2Token</c>.</summary>
internal sealed record GetResourceOauth2TokenRequest : IdentityRequest
{
    public required string WorkloadIdentityToken { get; init; }

    public required string ResourceCredentialProviderName { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    public required string Oauth2Flow { get; init; }

    public string? SessionUri { get; init; }

    public string? ResourceOauth2ReturnUrl { get; init; }

    public bool? ForceAuthentication { get; init; }

    public IReadOnlyDictionary<string, string>? CustomParameters { get; init; }

    public string? CustomState { get; init; }

    public IReadOnlyList<string>? Resources { get; init; }

    public IReadOnlyList<string>? Audiences { get; init; }

    public override IdentityOperation Operation => IdentityOperation.GetResourceOauth2Token;

    public override string? ProviderName => ResourceCredentialProviderName;

    public override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("workloadIdentityToken", WorkloadIdentityToken);
        writer.WriteString("resourceCredentialProviderName", ResourceCredentialProviderName);
        JsonWriting.WriteStringArray(writer, "scopes", Scopes);
        writer.WriteString("oauth2Flow", Oauth2Flow);
        JsonWriting.WriteOptionalString(writer, "sessionUri", SessionUri);
        JsonWriting.WriteOptionalString(writer, "resourceOauth2ReturnUrl", ResourceOauth2ReturnUrl);
        if (ForceAuthentication is { } force)
        {
            writer.WriteBoolean("forceAuthentication", force);
        }

        if (CustomParameters is not null)
        {
            writer.WriteStartObject("customParameters");
            foreach (var (key, value) in CustomParameters)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        JsonWriting.WriteOptionalString(writer, "customState", CustomState);
        if (Resources is not null)
        {
            JsonWriting.WriteStringArray(writer, "resources", Resources);
        }

        if (Audiences is not null)
        {
            JsonWriting.WriteStringArray(writer, "audiences", Audiences);
        }
    }

    public override IEnumerable<string?> GetSecrets()
    {
        yield return WorkloadIdentityToken;
        yield return CustomState;
        if (CustomParameters is not null)
        {
            foreach (var value in CustomParameters.Values)
            {
                yield return value;
            }
        }
    }

    public override string ToString() => $"{Operation} {{ provider = {ResourceCredentialProviderName}, flow = {Oauth2Flow} }}";
}

/// <summary>Body of <c>CompleteResourceTokenAuth</c>; exactly one of the two user identifiers is set.</summary>
internal sealed record CompleteResourceTokenAuthRequest(string SessionUri, string? UserId, string? UserToken) : IdentityRequest
{
    public override IdentityOperation Operation => IdentityOperation.CompleteResourceTokenAuth;

    public override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("userIdentifier");
        if (UserToken is not null)
        {
            writer.WriteString("userToken", UserToken);
        }
        else
        {
            writer.WriteString("userId", UserId);
        }

        writer.WriteEndObject();
        writer.WriteString("sessionUri", SessionUri);
    }

    public override IEnumerable<string?> GetSecrets() => [UserToken];

    public override string ToString() => $"{Operation} {{ sessionUri = {SessionUri} }}";
}

/// <summary>Body of <c>GetWorkloadAccessToken</c>, <c>GetWorkloadAccessTokenForJWT</c> or <c>GetWorkloadAccessTokenForUserId</c>.</summary>
internal sealed record GetWorkloadAccessTokenRequest(string WorkloadName, string? UserToken, string? UserId) : IdentityRequest
{
    public override IdentityOperation Operation => UserToken is not null
        ? IdentityOperation.GetWorkloadAccessTokenForJwt
        : UserId is not null ? IdentityOperation.GetWorkloadAccessTokenForUserId : IdentityOperation.GetWorkloadAccessToken;

    public override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("workloadName", WorkloadName);
        JsonWriting.WriteOptionalString(writer, "userToken", UserToken);
        JsonWriting.WriteOptionalString(writer, "userId", UserId);
    }

    public override IEnumerable<string?> GetSecrets() => [UserToken];

    public override string ToString() => $"{Operation} {{ workloadName = {WorkloadName} }}";
}
