using System.Text.RegularExpressions;

namespace AgentCoreIdentity.DataPlane;

/// <summary>
/// Recognises an access-denied or unauthorized error that is about the workload access token a request carried,
/// rather than about the caller's IAM permissions, and explains the fix.
/// </summary>
/// <remarks>
/// AWS does not document the error for an unknown or expired workload access token. A message counts as being about
/// the token when it names it (such as "workload access token" or <c>workloadIdentityToken</c>), or states that a
/// token is invalid or that something expired. A message about the AWS security or session token is about the signing
/// credentials instead, and an IAM denial that names an action is left to the IAM hint.
/// </remarks>
internal static partial class WorkloadAccessTokenRejection
{
    /// <summary>The hint that replaces the IAM advice when the token was rejected.</summary>
    public const string Hint =
        "AgentCore Identity rejected the workload access token. A workload access token belongs to one invocation and "
        + "may have expired, so use the context of the current invocation (AgentCoreRequestContext.FromHttpRequest), or "
        + "mint a new token with WorkloadAccessTokenClient outside AgentCore Runtime. Do not keep a token for later "
        + "invocations.";

    /// <summary>Returns whether <paramref name="serviceMessage"/> rejects the workload access token that <paramref name="request"/> carried.</summary>
    public static bool Matches(IdentityRequest request, string? serviceMessage)
    {
        if (request is not (GetResourceApiKeyRequest or GetResourceOauth2TokenRequest) || string.IsNullOrEmpty(serviceMessage))
        {
            return false;
        }

        if (NamesWorkloadToken().IsMatch(serviceMessage))
        {
            return true;
        }

        if (NamesAwsCredentialToken().IsMatch(serviceMessage))
        {
            return false;
        }

        return SaysExpired().IsMatch(serviceMessage) || SaysInvalidToken().IsMatch(serviceMessage);
    }

    [GeneratedRegex(@"workload[\s_-]*(access|identity)[\s_-]*token", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamesWorkloadToken();

    [GeneratedRegex(@"\b(security|session)[\s_-]*token", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamesAwsCredentialToken();

    [GeneratedRegex(@"\bexpired\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SaysExpired();

    [GeneratedRegex(@"\binvalid\b[^.]{0,40}\btoken\b|\btoken\b[^.]{0,40}\b(invalid|not valid)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SaysInvalidToken();
}
