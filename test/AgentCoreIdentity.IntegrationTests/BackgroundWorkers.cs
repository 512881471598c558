using System.Threading.Channels;
using AgentCoreIdentity.SampleAgent.Jobs;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// Starts work in each of the five ways agents hand an invocation to background work. Each way receives only the
/// delegate, so the work gets nothing from the caller except what the delegate captured.
/// </summary>
internal static class BackgroundWorkers
{
    /// <summary>Runs <paramref name="work"/> through <paramref name="worker"/> and completes when the work does.</summary>
    public static async Task RunAsync(WorkerKind worker, Func<Task> work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task RunAndSignalAsync()
        {
            try
            {
                await work();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }

        switch (worker)
        {
            case WorkerKind.Task:
                _ = Task.Run(RunAndSignalAsync);
                break;
            case WorkerKind.Thread:
                new Thread(() => RunAndSignalAsync().GetAwaiter().GetResult()) { IsBackground = true }.Start();
                break;
            case WorkerKind.Channel:
                var channel = Channel.CreateUnbounded<Func<Task>>();
                _ = Task.Run(async () =>
                {
                    await foreach (var item in channel.Reader.ReadAllAsync())
                    {
                        await item();
                    }
                });
                channel.Writer.TryWrite(RunAndSignalAsync).Should().BeTrue();
                channel.Writer.Complete();
                break;
            case WorkerKind.Parallel:
                _ = Parallel.ForEachAsync([RunAndSignalAsync], async (item, _) => await item());
                break;
            case WorkerKind.ThreadPool:
                using (ExecutionContext.SuppressFlow())
                {
                    ThreadPool.UnsafeQueueUserWorkItem(item => _ = item(), (Func<Task>)RunAndSignalAsync, preferLocal: false);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(worker), worker, "Unknown worker kind.");
        }

        await done.Task;
    }
}
