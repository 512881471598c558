namespace AgentCoreIdentity.SampleAgent.Jobs;

/// <summary>
/// One unit of background work. It carries the invocation's request context explicitly, so the worker needs no
/// ambient state whichever thread or queue it runs on.
/// </summary>
public sealed record WorkItem(string JobId, AgentCoreRequestContext Context, InvocationPayload Payload, WorkerKind Worker);

/// <summary>The body of <c>POST /invocations</c>.</summary>
/// <param name="Prompt">What the user asked.</param>
/// <param name="Repository">Repository for the tool call, as <c>owner/name</c>.</param>
/// <param name="Worker">How to run the background work: task, thread, channel, parallel or threadpool.</param>
public sealed record InvocationPayload(string? Prompt, string? Repository, string? Worker)
{
    /// <summary>API-key credential provider to read, in place of the agent's configured one, for example per tenant.</summary>
    public string? Provider { get; init; }
}
