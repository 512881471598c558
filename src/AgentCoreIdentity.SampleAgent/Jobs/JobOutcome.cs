namespace AgentCoreIdentity.SampleAgent.Jobs;

/// <summary>What a background job reports; it never contains the API key or the workload access token.</summary>
public sealed record JobOutcome
{
    public required string JobId { get; init; }

    public required string Status { get; init; }

    public required string Worker { get; init; }

    public required string RequestId { get; init; }

    public string? SessionId { get; init; }

    /// <summary>Header that supplied the workload access token.</summary>
    public string? TokenHeader { get; init; }

    public required string Provider { get; init; }

    public int? ApiKeyLength { get; init; }

    /// <summary>Managed thread id the worker ran on, to show it was not the request thread.</summary>
    public int? WorkerThreadId { get; init; }

    public ToolOutcome? Tool { get; init; }

    public JobError? Error { get; init; }

    /// <summary>Creates the outcome of a job that has just started for the invocation of <paramref name="context"/>.</summary>
    public static JobOutcome Running(string jobId, string worker, AgentCoreRequestContext context, string provider) => new()
    {
        JobId = jobId,
        Status = "Running",
        Worker = worker,
        RequestId = context.RequestId,
        SessionId = context.SessionId,
        TokenHeader = context.WorkloadAccessTokenHeader,
        Provider = provider,
    };
}

/// <summary>The downstream tool call's result.</summary>
/// <param name="StatusCode">HTTP status of the tool API's response; <c>null</c> when no tool API is configured.</param>
/// <param name="Repository">Repository whose pull requests were listed, as <c>owner/name</c>.</param>
/// <param name="OpenPullRequests">Number of open pull requests, when the tool API returned a list.</param>
/// <param name="Note">Why there is no list, when there is none.</param>
public sealed record ToolOutcome(int? StatusCode, string Repository, int? OpenPullRequests, string? Note)
{
    /// <summary>
    /// Returns the outcome for an agent started without <c>--tool-url</c>, <c>--tool-key</c> or <c>SAMPLE_TOOL_KEY</c>:
    /// the key was fetched but not used.
    /// </summary>
    public static ToolOutcome NotConfigured(string repository) =>
        new(null, repository, null, "No tool API configured (--tool-url, --tool-key or SAMPLE_TOOL_KEY); the key was fetched but not used.");
}

/// <summary>A job failure: the SDK's error code and type and its message, which contains no secret.</summary>
public sealed record JobError(string Code, string Type, string Message);
