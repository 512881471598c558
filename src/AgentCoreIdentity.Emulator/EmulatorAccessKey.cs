namespace AgentCoreIdentity.Emulator;

/// <summary>
/// An AWS access key that the emulator accepts, with the IAM permissions the emulator grants the principal
/// behind it.
/// </summary>
public sealed record EmulatorAccessKey
{
    /// <summary>Access key id, such as <c>AKIAEMULATOR0EXAMPLE</c>.</summary>
    public required string AccessKeyId { get; init; }

    /// <summary>Secret access key that signatures are checked against.</summary>
    public required string SecretAccessKey { get; init; }

    /// <summary>Session token that requests signed with temporary credentials must carry; <c>null</c> for long-term keys.</summary>
    public string? SessionToken { get; init; }

    /// <summary>ARN of the principal, used in access-denied messages.</summary>
    public string PrincipalArn { get; init; } = "arn:aws:sts::111122223333:assumed-role/AgentRuntimeRole/emulator-session";

    /// <summary>
    /// IAM actions this principal is denied, such as <c>secretsmanager:GetSecretValue</c>. Every other action is
    /// allowed.
    /// </summary>
    public IReadOnlyCollection<string> DeniedActions { get; init; } = [];

    /// <summary>Prints the access key id only.</summary>
    public override string ToString() => $"EmulatorAccessKey {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, PrincipalArn = {PrincipalArn} }}";
}
