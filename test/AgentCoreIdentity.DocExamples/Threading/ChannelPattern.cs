using System.Threading.Channels;
using AgentCoreIdentity;

namespace DocExamples.Threading;

public sealed record WorkItem(AgentCoreRequestContext Context, string Repository);

public sealed class WorkQueue
{
    private readonly Channel<WorkItem> _channel = Channel.CreateBounded<WorkItem>(capacity: 1000);

    public ChannelReader<WorkItem> Reader => _channel.Reader;

    public bool TryEnqueue(WorkItem item) => _channel.Writer.TryWrite(item);
}

public sealed class WorkQueueConsumer(WorkQueue queue, PullRequestSummarizer summarizer) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // This loop started with the host, long before any request: everything it needs comes with the item.
        await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await summarizer.RunAsync(item.Context, stoppingToken);
        }
    }
}

/// <summary>Registration and producer of the channel pattern.</summary>
public static class ChannelPattern
{
    public static void Register(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PullRequestSummarizer>();
        builder.Services.AddSingleton<WorkQueue>();
        builder.Services.AddHostedService<WorkQueueConsumer>();
    }

    public static void MapProducer(WebApplication app)
    {
        app.MapPost("/invocations", (HttpRequest request, WorkQueue queue) =>
        {
            var context = AgentCoreRequestContext.FromHttpRequest(request);
            return queue.TryEnqueue(new WorkItem(context, "acme/web"))
                ? Results.Accepted(value: new { context.RequestId })
                : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
    }
}
