using AgentCoreIdentity.Emulator.Signing;

namespace AgentCoreIdentity.Emulator.Api;

/// <summary>What an operation handler needs: the verified caller, the parsed body, the store and the emulator's identity.</summary>
internal sealed record OperationContext(EmulatorAccessKey Caller, RequestBody Body, EmulatorStore Store, string Region, string AccountId)
{
    /// <summary>Returns an IAM denial in the wording AWS uses, when the caller is denied <paramref name="action"/>.</summary>
    public ApiResult? Authorize(string action, string resourceArn)
    {
        if (!Caller.DeniedActions.Contains(action))
        {
            return null;
        }

        return ApiResult.AccessDenied(
            $"User: {Caller.PrincipalArn} is not authorized to perform: {action} on resource: {resourceArn} "
            + $"because no identity-based policy allows the {action} action");
    }

    public string AgentCoreArn(string resource) => $"arn:aws:bedrock-agentcore:{Region}:{AccountId}:{resource}";

    public string SecretArn(string secretName) => $"arn:aws:secretsmanager:{Region}:{AccountId}:secret:{secretName}";
}
