using System.Text.RegularExpressions;

namespace AgentCoreIdentity.DataPlane;

/// <summary>
/// Parses an IAM denial such as "User: arn:... is not authorized to perform: secretsmanager:GetSecretValue on
/// resource: arn:...", and returns the grant that fixes the denials this SDK's operations cause.
/// </summary>
internal sealed partial record AccessDeniedMessage(string? Principal, string? Action, string? Resource)
{
    private const string SecretsManagerRead = "secretsmanager:GetSecretValue";

    public static AccessDeniedMessage Parse(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return new AccessDeniedMessage(null, null, null);
        }

        var match = DenialPattern().Match(message);
        if (!match.Success)
        {
            return new AccessDeniedMessage(null, null, null);
        }

        return new AccessDeniedMessage(
            GroupOrNull(match, "principal"),
            GroupOrNull(match, "action"),
            GroupOrNull(match, "resource")?.TrimEnd('.', ','));
    }

    /// <summary>
    /// Returns the IAM statement that grants the denied action, or <c>null</c> when the SDK does not know the fix.
    /// Identity reads credential-provider secrets with the caller's permissions, so a denied
    /// <c>secretsmanager:GetSecretValue</c> is fixed by granting it on every secret that Identity manages.
    /// </summary>
    public string? GetRequiredStatement(string region)
    {
        if (!string.Equals(Action, SecretsManagerRead, StringComparison.Ordinal))
        {
            return null;
        }

        var (partition, arnRegion, account) = ParseArn(Resource);
        var secretArn = $"arn:{partition ?? "aws"}:secretsmanager:{arnRegion ?? region}:{account ?? "<ACCOUNT_ID>"}:secret:bedrock-agentcore-identity!*";
        return $$"""{"Effect":"Allow","Action":"{{SecretsManagerRead}}","Resource":"{{secretArn}}"}""";
    }

    private static (string? Partition, string? Region, string? Account) ParseArn(string? arn)
    {
        var parts = arn?.Split(':', 6);
        if (parts is not { Length: 6 } || parts[0] != "arn")
        {
            return (null, null, null);
        }

        return (NullIfEmpty(parts[1]), NullIfEmpty(parts[3]), NullIfEmpty(parts[4]));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string? GroupOrNull(Match match, string name) =>
        match.Groups[name] is { Success: true, Value.Length: > 0 } group ? group.Value : null;

    [GeneratedRegex(
        @"(?:User: (?<principal>\S+) )?(?:is|are) not authorized to perform: (?<action>[A-Za-z0-9-]+:[A-Za-z0-9*]+)(?: on resource: (?<resource>\S+))?",
        RegexOptions.CultureInvariant)]
    private static partial Regex DenialPattern();
}
