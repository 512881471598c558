using AgentCoreIdentity;

namespace DocExamples.Threading;

/// <summary>The agent's background work in docs/threading-and-background-work.md.</summary>
public sealed class PullRequestSummarizer(ApiKeyProvider apiKeys, ILogger<PullRequestSummarizer> logger)
{
    public async Task RunAsync(AgentCoreRequestContext context, CancellationToken cancellationToken)
    {
        try
        {
            var key = await apiKeys.GetApiKeyAsync(context, "github-api-key", cancellationToken);
            // call the third-party API with key
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;   // the host is stopping: a cancellation, not a failure
        }
        catch (AgentCoreIdentityException ex)
        {
            // Background work has no caller to rethrow to. Log ids and the code, never the context's secrets.
            logger.LogError("Work for request {RequestId} failed with {Code}: {Message}", context.RequestId, ex.Code, ex.Message);
        }
        catch (Exception ex)
        {
            // Any other failure, such as an ArgumentException for an invalid provider name, would otherwise be lost.
            logger.LogError(ex, "Work for request {RequestId} failed", context.RequestId);
        }
    }
}
