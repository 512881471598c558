namespace AgentCoreIdentity.Emulator;

/// <summary>What an emulated workload access token stands for: a workload identity, and optionally an end user.</summary>
/// <param name="WorkloadName">Workload identity the token was minted for.</param>
/// <param name="UserId">End-user id it was minted for, if any.</param>
/// <param name="UserToken">End-user JWT it was minted from, if any.</param>
/// <param name="ExpiresAt">Time after which the emulator rejects it.</param>
public sealed record IssuedWorkloadAccessToken(string WorkloadName, string? UserId, string? UserToken, DateTimeOffset ExpiresAt)
{
    /// <summary>Prints the token's subject without the user JWT.</summary>
    public override string ToString() =>
        $"IssuedWorkloadAccessToken {{ WorkloadName = {WorkloadName}, UserId = {UserId ?? "null"}, UserToken = {(UserToken is null ? "null" : "***")}, ExpiresAt = {ExpiresAt:O} }}";
}
