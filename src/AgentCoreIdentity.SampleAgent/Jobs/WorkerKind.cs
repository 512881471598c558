namespace AgentCoreIdentity.SampleAgent.Jobs;

/// <summary>The ways the sample starts background work; each one only receives the work item as an argument.</summary>
public enum WorkerKind
{
    /// <summary><c>Task.Run</c>.</summary>
    Task,

    /// <summary>A dedicated <c>new Thread</c>.</summary>
    Thread,

    /// <summary>A <c>Channel&lt;T&gt;</c> read by long-running consumers.</summary>
    Channel,

    /// <summary><c>Parallel.ForEachAsync</c>.</summary>
    Parallel,

    /// <summary><c>ThreadPool.UnsafeQueueUserWorkItem</c> with the execution context suppressed.</summary>
    ThreadPool,
}

/// <summary>Parses worker names from invocation payloads.</summary>
public static class WorkerKinds
{
    /// <summary>Returns the kind for a name in any letter case; <c>null</c> or empty means <see cref="WorkerKind.Task"/>.</summary>
    public static bool TryParse(string? name, out WorkerKind kind)
    {
        if (string.IsNullOrEmpty(name))
        {
            kind = WorkerKind.Task;
            return true;
        }

        return Enum.TryParse(name, ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }
}
