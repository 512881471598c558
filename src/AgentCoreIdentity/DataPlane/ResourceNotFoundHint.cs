namespace AgentCoreIdentity.DataPlane;

/// <summary>
/// Explains a <c>ResourceNotFoundException</c>: which credential provider or workload identity is missing, and how to
/// list the ones that exist in the region.
/// </summary>
/// <remarks>
/// The listing advice names read-only control-plane operations of AgentCore (<c>ListApiKeyCredentialProviders</c>,
/// <c>ListOauth2CredentialProviders</c>) and their AWS CLI commands for the user to run. This SDK never calls the
/// control plane itself.
/// </remarks>
internal static class ResourceNotFoundHint
{
    private const string ApiKeyListing = "ListApiKeyCredentialProviders";
    private const string ApiKeyCommand = "aws bedrock-agentcore-control list-api-key-credential-providers";
    private const string OAuth2Listing = "ListOauth2CredentialProviders";
    private const string OAuth2Command = "aws bedrock-agentcore-control list-oauth2-credential-providers";

    /// <summary>Returns the hint for a not-found error of <paramref name="request"/> in <paramref name="region"/>.</summary>
    public static string For(IdentityRequest request, string region) => request switch
    {
        GetResourceApiKeyRequest apiKey => MissingProvider(
            $"No API-key credential provider named '{apiKey.ResourceCredentialProviderName}'",
            region,
            $"The control-plane operation {ApiKeyListing} lists the API-key credential providers of a region: run "
            + $"'{ApiKeyCommand} --region {region}'."),
        GetResourceOauth2TokenRequest oauth2 => MissingProvider(
            $"No OAuth2 credential provider named '{oauth2.ResourceCredentialProviderName}'",
            region,
            $"The control-plane operation {OAuth2Listing} lists the OAuth2 credential providers of a region: run "
            + $"'{OAuth2Command} --region {region}'."),
        GetWorkloadAccessTokenRequest workload =>
            $"No workload identity named '{workload.WorkloadName}' exists in region {region} for this account. Check the name "
            + "and region; this SDK never creates workload identities.",
        _ => $"The session or resource was not found in region {region}.",
    };

    private static string MissingProvider(string missing, string region, string listing) =>
        $"{missing} exists in region {region} for this account. Check the name, and that the provider was created in "
        + $"this region. {listing}";
}
