using System.Text.Json.Nodes;

namespace AgentCoreIdentity.Emulator.Api;

/// <summary>
/// <c>GetResourceOauth2Token</c>: M2M and token exchange return the provider's token at once. User federation
/// returns an authorization URL and session URI on the first call, <c>IN_PROGRESS</c> while the user has not
/// consented or the session is not bound, and the token afterwards; the token vault then returns it at once for
/// the same workload, provider and user until <c>forceAuthentication</c> starts a new flow.
/// </summary>
internal static class OAuth2TokenOperation
{
    /// <summary>The service's message for a missing or unregistered return URL.</summary>
    public const string ReturnUrlRequiredMessage =
        "You must register and use at least one ResourceOauth2ReturnUrl on your workload identity to use this flow";

    private const string UserFederation = "USER_FEDERATION";
    private static readonly string[] Flows = ["USER_FEDERATION", "M2M", "ON_BEHALF_OF_TOKEN_EXCHANGE"];

    public static ApiResult Handle(OperationContext context)
    {
        var body = context.Body;
        var token = body.RequiredString("workloadIdentityToken", 1, 131_072);
        var providerName = body.RequiredString("resourceCredentialProviderName", 1, 128, ApiPatterns.CredentialProviderName());
        body.StringList("scopes", 1, 128, required: true);
        var flow = body.RequiredString("oauth2Flow", 1, 64);
        if (flow is not null && !Flows.Contains(flow, StringComparer.Ordinal))
        {
            body.AddError("oauth2Flow", $"Member must satisfy enum value set: [{string.Join(", ", Flows)}]");
        }

        var sessionUri = CheckOptional(body, "sessionUri", 1024, ApiPatterns.SessionUri());
        var returnUrl = CheckOptional(body, "resourceOauth2ReturnUrl", 2048, ApiPatterns.ReturnUrl());
        var force = body.OptionalBoolean("forceAuthentication") ?? false;
        body.OptionalStringMap("customParameters", 256, ApiPatterns.CustomParameterKey(), 2048);
        var customState = CheckOptional(body, "customState", 4096, pattern: null);
        body.StringList("resources", 1, 2048, required: false);
        body.StringList("audiences", 1, 2048, required: false);
        if (body.ValidationResult() is { } invalid)
        {
            return invalid;
        }

        var issued = context.Store.FindToken(token!);
        if (issued is null)
        {
            return ApiResult.InvalidWorkloadAccessToken();
        }

        var providerArn = context.AgentCoreArn($"token-vault/default/oauth2credentialprovider/{providerName}");
        if (context.Authorize("bedrock-agentcore:GetResourceOauth2Token", providerArn) is { } denied)
        {
            return denied;
        }

        var provider = context.Store.OAuth2.FindProvider(providerName!);
        if (provider is null)
        {
            return ApiResult.NotFound("Resource Credential Provider not found");
        }

        if (flow != UserFederation)
        {
            return IssueAtOnce(context, provider);
        }

        var request = new UserFederationRequest(issued, provider, sessionUri, returnUrl, force, customState);
        return HandleUserFederation(context, request);
    }

    /// <summary>
    /// Runs the provider's token request with its client secret, which the service reads with the caller's
    /// permissions, as M2M and token exchange do.
    /// </summary>
    public static ApiResult? ReadClientSecret(OperationContext context, string providerName)
    {
        var secretArn = context.SecretArn($"bedrock-agentcore-identity!default/oauth2/{providerName}-{SecretSuffix(providerName)}");
        return context.Authorize("secretsmanager:GetSecretValue", secretArn);
    }

    private static ApiResult IssueAtOnce(OperationContext context, SeedOAuth2Provider provider)
    {
        if (ReadClientSecret(context, provider.Name) is { } secretDenied)
        {
            return secretDenied;
        }

        if (provider.UpstreamFailureMessage is { } failure)
        {
            return ApiResult.ValidationMessage(failure);
        }

        return ApiResult.Ok(new JsonObject { ["accessToken"] = provider.AccessToken });
    }

    private static ApiResult HandleUserFederation(OperationContext context, UserFederationRequest request)
    {
        var allowed = context.Store.FindWorkloadIdentity(request.Issued.WorkloadName) ?? [];
        if (request.ReturnUrl is null || !allowed.Contains(request.ReturnUrl, StringComparer.Ordinal))
        {
            return ApiResult.ValidationMessage(ReturnUrlRequiredMessage);
        }

        // The service's behaviour for a token minted without a user is not documented; the emulator rejects it.
        if (request.Issued.UserId is null && request.Issued.UserToken is null)
        {
            return ApiResult.ValidationMessage("USER_FEDERATION requires a workload access token minted for a user.");
        }

        if (request.Provider.UpstreamFailureMessage is { } failure)
        {
            return ApiResult.ValidationMessage(failure);
        }

        var oauth2 = context.Store.OAuth2;
        if (request.SessionUri is null)
        {
            if (!request.Force && oauth2.FindVaultToken(request.Issued, request.Provider.Name) is { } stored)
            {
                return ApiResult.Ok(new JsonObject { ["accessToken"] = stored });
            }

            var started = oauth2.Start(request.Issued, request.Provider.Name, request.ReturnUrl, request.CustomState);
            return ApiResult.Ok(new JsonObject
            {
                ["authorizationUrl"] = ConsentEndpoint.AuthorizationUrl(context.Store.ConsentBaseAddress!, started).AbsoluteUri,
                ["sessionUri"] = started.SessionUri,
                ["sessionStatus"] = "IN_PROGRESS",
            });
        }

        var session = oauth2.Find(request.SessionUri);
        if (session is null
            || session.WorkloadName != request.Issued.WorkloadName
            || session.ProviderName != request.Provider.Name
            || !session.IsStartedBy(request.Issued.UserToken, request.Issued.UserId))
        {
            return ApiResult.ValidationMessage("Invalid or expired session");
        }

        return session.Status switch
        {
            ConsentSessionStatus.Bound => ApiResult.Ok(new JsonObject { ["accessToken"] = request.Provider.AccessToken }),
            ConsentSessionStatus.Failed => ApiResult.Ok(new JsonObject { ["sessionUri"] = session.SessionUri, ["sessionStatus"] = "FAILED" }),
            _ => ApiResult.Ok(new JsonObject { ["sessionUri"] = session.SessionUri, ["sessionStatus"] = "IN_PROGRESS" }),
        };
    }

    private static string? CheckOptional(RequestBody body, string name, int maxLength, System.Text.RegularExpressions.Regex? pattern) =>
        body.OptionalString(name) is { } text ? body.CheckString(name, text, 1, maxLength, pattern) : null;

    // Secrets Manager appends six random characters to secret names; a stable stand-in keeps ARNs reproducible.
    private static string SecretSuffix(string providerName) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(providerName)))[..6];

    private sealed record UserFederationRequest(
        IssuedWorkloadAccessToken Issued,
        SeedOAuth2Provider Provider,
        string? SessionUri,
        string? ReturnUrl,
        bool Force,
        string? CustomState);
}
