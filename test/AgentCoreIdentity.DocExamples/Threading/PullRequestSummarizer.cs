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
        catch (AgentCoreIdentityException ex)
        {
            // Background work has no caller to rethrow to. Log ids and the code, never the context's secrets.
            logger.LogError("Work for request {RequestId} failed with {Code}: {Message}", context.RequestId, ex.Code, ex.Message);
        }
    }
}
