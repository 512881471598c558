using System.Threading.Channels;

namespace AgentCoreIdentity.SampleAgent.Jobs;

/// <summary>
/// Starts background work in each of the ways agents do. None of them copies ambient state: the work item, with its
/// request context, is the only thing handed over.
/// </summary>
public sealed class WorkDispatcher : BackgroundService
{
    private const int ChannelConsumers = 4;

    private readonly PullRequestWorker _worker;
    private readonly Channel<WorkItem> _channel = Channel.CreateUnbounded<WorkItem>();

    public WorkDispatcher(PullRequestWorker worker)
    {
        _worker = worker;
    }

    public void Dispatch(WorkItem item)
    {
        switch (item.Worker)
        {
            case WorkerKind.Task:
                _ = Task.Run(() => _worker.RunAsync(item));
                break;
            case WorkerKind.Thread:
                var thread = new Thread(RunOnThread) { IsBackground = true, Name = $"job-{item.JobId}" };
                thread.Start(item);
                break;
            case WorkerKind.Channel:
                if (!_channel.Writer.TryWrite(item))
                {
                    throw new InvalidOperationException("The work channel is closed because the agent is stopping.");
                }

                break;
            case WorkerKind.Parallel:
                _ = System.Threading.Tasks.Parallel.ForEachAsync([item], (work, _) => new ValueTask(_worker.RunAsync(work)));
                break;
            case WorkerKind.ThreadPool:
                using (ExecutionContext.SuppressFlow())
                {
                    System.Threading.ThreadPool.UnsafeQueueUserWorkItem(work => _ = _worker.RunAsync(work), item, preferLocal: false);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(item), item.Worker, "Unknown worker kind.");
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumers = Enumerable.Range(0, ChannelConsumers).Select(_ => ConsumeAsync(stoppingToken));
        return Task.WhenAll(consumers);
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                await _worker.RunAsync(item);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void RunOnThread(object? state)
    {
        var item = (WorkItem)state!;
        _worker.RunAsync(item).GetAwaiter().GetResult();
    }
}
