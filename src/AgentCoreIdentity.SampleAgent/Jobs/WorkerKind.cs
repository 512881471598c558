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

/// <summary>
/// The worker names of invocation payloads and job outcomes. One lower-case spelling is used everywhere: in the
/// <c>worker</c> body field, in the JSON the agent returns, and in the docs.
/// </summary>
public static class WorkerKinds
{
    /// <summary>Worker name of the runtime style's jobs, which <c>BackgroundWorkTracker</c> runs.</summary>
    public const string TrackerName = "tracker";

    /// <summary>Returns the name of <paramref name="kind"/>, such as <c>threadpool</c>, as the body field takes it.</summary>
    public static string Name(WorkerKind kind) => kind switch
    {
        WorkerKind.Task => "task",
        WorkerKind.Thread => "thread",
        WorkerKind.Channel => "channel",
        WorkerKind.Parallel => "parallel",
        WorkerKind.ThreadPool => "threadpool",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown worker kind."),
    };

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
