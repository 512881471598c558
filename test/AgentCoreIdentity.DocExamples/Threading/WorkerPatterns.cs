using AgentCoreIdentity;

namespace DocExamples.Threading;

/// <summary>The background-work patterns of docs/threading-and-background-work.md.</summary>
public static class WorkerPatterns
{
    public static void StartWithTaskRun(WebApplication app)
    {
        app.MapPost("/invocations", (HttpRequest request, PullRequestSummarizer summarizer, IHostApplicationLifetime lifetime) =>
        {
            var context = AgentCoreRequestContext.FromHttpRequest(request);

            // Not request.HttpContext.RequestAborted: the work outlives the request, but not the host.
            _ = Task.Run(() => summarizer.RunAsync(context, lifetime.ApplicationStopping));

            return Results.Accepted(value: new { context.RequestId });
        });
    }

    public static void StartThread(AgentCoreRequestContext context, PullRequestSummarizer summarizer)
    {
        var thread = new Thread(() => summarizer.RunAsync(context, CancellationToken.None).GetAwaiter().GetResult())
        {
            IsBackground = true,
            Name = $"invocation-{context.RequestId}",
        };
        thread.Start();
    }

    public static async Task FetchInParallelAsync(AgentCoreRequestContext context, ApiKeyProvider apiKeys, CancellationToken cancellationToken)
    {
        string[] providers = ["github-api-key", "jira-api-key", "slack-api-key"];
        var keyLengths = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        await Parallel.ForEachAsync(providers, cancellationToken, async (provider, ct) =>
        {
            // Every body reads the same immutable record; no copy and no lock are needed.
            var key = await apiKeys.GetApiKeyAsync(context, provider, ct);
            keyLengths[provider] = key.Length;
        });
    }

    public static void QueueOnThreadPool(AgentCoreRequestContext context, PullRequestSummarizer summarizer)
    {
        ThreadPool.UnsafeQueueUserWorkItem(
            static work => _ = work.Summarizer.RunAsync(work.Context, CancellationToken.None),
            new ThreadPoolWork(context, summarizer),
            preferLocal: false);
    }

    public static void StartTrackedWork(WebApplication app)
    {
        app.MapPost("/invocations", (HttpRequest request, BackgroundWorkTracker tracker, PullRequestSummarizer summarizer) =>
        {
            var context = AgentCoreRequestContext.FromHttpRequest(request);
            var work = tracker.Start(context, summarizer.RunAsync, name: "summarize-pull-requests");
            return Results.Accepted(value: new { work.Id, context.RequestId });
        });
    }
}

/// <summary>The state of a thread-pool work item: the context and what to run with it.</summary>
public sealed record ThreadPoolWork(AgentCoreRequestContext Context, PullRequestSummarizer Summarizer);
