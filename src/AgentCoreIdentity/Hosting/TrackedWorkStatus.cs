namespace AgentCoreIdentity;

/// <summary>State of a piece of background work started with <see cref="BackgroundWorkTracker"/>.</summary>
public enum TrackedWorkStatus
{
    /// <summary>The work has not ended yet.</summary>
    Running,

    /// <summary>The work's task completed successfully.</summary>
    Succeeded,

    /// <summary>The work threw or its task faulted; the failure is in <see cref="TrackedWork.Exception"/> and the log.</summary>
    Failed,

    /// <summary>The work ended with <see cref="OperationCanceledException"/> after its cancellation token was canceled.</summary>
    Canceled,
}
