namespace AgentCoreIdentity;

/// <summary>
/// Thrown before any HTTP call when a request context carries no workload access token.
/// </summary>
public sealed class MissingWorkloadAccessTokenException : AgentCoreIdentityException
{
    internal MissingWorkloadAccessTokenException(string operation, string? providerName, AgentCoreRequestContext context)
        : base(AgentCoreIdentityErrorCodes.MissingWorkloadAccessToken, BuildMessage(operation, providerName, context))
    {
        Operation = operation;
        ProviderName = providerName;
        InvocationRequestId = context.RequestId;
        SessionId = context.SessionId;
    }

    /// <summary>Runtime request id of the invocation whose context had no token.</summary>
    public string InvocationRequestId { get; }

    /// <summary>Runtime session id of that invocation, when the platform sent one.</summary>
    public string? SessionId { get; }

    private static string BuildMessage(string operation, string? providerName, AgentCoreRequestContext context)
    {
        var target = providerName is null ? operation : $"{operation} for credential provider '{providerName}'";
        var session = context.SessionId is null ? "no session id" : $"session {context.SessionId}";

        return $"No workload access token is available for invocation {context.RequestId} ({session}), so {target} was not sent. "
            + "AgentCore Runtime sends the token in the headers "
            + $"{AgentCoreHeaderNames.IdentityWorkloadAccessToken}, {AgentCoreHeaderNames.WorkloadAccessToken} or "
            + $"{AgentCoreHeaderNames.RuntimeWorkloadAccessToken} only when it knows the end user. "
            + "With IAM (SigV4) inbound auth, the caller must send the "
            + $"{AgentCoreHeaderNames.UserId} header (the runtimeUserId parameter of InvokeAgentRuntime) and needs "
            + "bedrock-agentcore:InvokeAgentRuntimeForUser. With JWT inbound auth, the caller must send "
            + "'Authorization: Bearer <JWT>'. Outside AgentCore Runtime, mint a token with WorkloadAccessTokenClient "
            + "and use the context it returns.";
    }
}
