using System.Text.Json.Nodes;

namespace AgentCoreIdentity.Emulator.Api;

/// <summary>
/// <c>GetResourceApiKey</c>: returns the key of an API-key credential provider. Like the real service, it reads the
/// provider's secret with the caller's permissions, so a caller denied <c>secretsmanager:GetSecretValue</c> gets the
/// same access-denied error.
/// </summary>
internal static class ApiKeyOperation
{
    public static ApiResult Handle(OperationContext context)
    {
        var body = context.Body;
        var token = body.RequiredString("workloadIdentityToken", 1, 131_072);
        var providerName = body.RequiredString("resourceCredentialProviderName", 1, 128, ApiPatterns.CredentialProviderName());
        if (body.ValidationResult() is { } invalid)
        {
            return invalid;
        }

        var issued = context.Store.FindToken(token!);
        if (issued is null)
        {
            return ApiResult.InvalidWorkloadAccessToken();
        }

        var providerArn = context.AgentCoreArn($"token-vault/default/apikeycredentialprovider/{providerName}");
        if (context.Authorize("bedrock-agentcore:GetResourceApiKey", providerArn) is { } denied)
        {
            return denied;
        }

        var apiKey = context.Store.FindApiKey(providerName!);
        if (apiKey is null)
        {
            return ApiResult.NotFound("Resource Credential Provider not found");
        }

        var secretArn = context.SecretArn($"bedrock-agentcore-identity!default/apikey/{providerName}-{SecretSuffix(providerName!)}");
        if (context.Authorize("secretsmanager:GetSecretValue", secretArn) is { } secretDenied)
        {
            return secretDenied;
        }

        return ApiResult.Ok(new JsonObject { ["apiKey"] = apiKey });
    }

    // Secrets Manager appends six random characters to secret names; a stable stand-in keeps ARNs reproducible.
    private static string SecretSuffix(string providerName) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(providerName)))[..6];
}
