using AgentCoreIdentity.SampleAgent.Health;
using AgentCoreIdentity.SampleAgent.Tool;

namespace AgentCoreIdentity.SampleAgent.Jobs;

/// <summary>
/// The agent's background work: fetch the GitHub-style API key for the invocation's user from AgentCore Identity,
/// then call the downstream tool API with it.
/// </summary>
public sealed class PullRequestWorker
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client for the tool API.</summary>
    public const string ToolClientName = "tool";

    private readonly ApiKeyProvider _apiKeys;
    private readonly IHttpClientFactory _httpClients;
    private readonly SampleAgentSettings _settings;
    private readonly JobStore _jobs;
    private readonly PingTracker _ping;
    private readonly ILogger<PullRequestWorker> _logger;

    public PullRequestWorker(
        ApiKeyProvider apiKeys,
        IHttpClientFactory httpClients,
        SampleAgentSettings settings,
        JobStore jobs,
        PingTracker ping,
        ILogger<PullRequestWorker> logger)
    {
        _apiKeys = apiKeys;
        _httpClients = httpClients;
        _settings = settings;
        _jobs = jobs;
        _ping = ping;
        _logger = logger;
    }

    /// <summary>Runs one job to its end and records the outcome, failures included, instead of throwing.</summary>
    public async Task RunAsync(WorkItem item)
    {
        var provider = item.Payload.Provider ?? _settings.ApiKeyProviderName;
        var outcome = JobOutcome.Running(item.JobId, WorkerKinds.Name(item.Worker), item.Context, provider) with
        {
            WorkerThreadId = Environment.CurrentManagedThreadId,
        };

        try
        {
            var apiKey = await _apiKeys.GetApiKeyAsync(item.Context, provider);
            var tool = await CallToolAsync(apiKey, item.Payload.Repository ?? ToolApi.DefaultRepository);
            outcome = outcome with { Status = "Succeeded", ApiKeyLength = apiKey.Length, Tool = tool };
        }
        catch (AgentCoreIdentityException ex)
        {
            _logger.LogWarning("Job {JobId} of request {RequestId} failed with {Code}: {Message}", item.JobId, item.Context.RequestId, ex.Code, ex.Message);
            outcome = outcome with { Status = "Failed", Error = new JobError(ex.Code, ex.GetType().Name, ex.Message) };
        }
        catch (HttpRequestException ex)
        {
            _logger.LogWarning("Job {JobId} of request {RequestId} could not reach the tool API: {Message}", item.JobId, item.Context.RequestId, ex.Message);
            outcome = outcome with { Status = "Failed", Error = new JobError("TOOL", ex.GetType().Name, "The tool API could not be reached.") };
        }
        catch (Exception ex)
        {
            // A background job has no caller to rethrow to, so every failure ends in its recorded outcome.
            _logger.LogError(ex, "Job {JobId} of request {RequestId} failed unexpectedly", item.JobId, item.Context.RequestId);
            outcome = outcome with { Status = "Failed", Error = new JobError("UNEXPECTED", ex.GetType().Name, "The job failed unexpectedly; see the agent log.") };
        }
        finally
        {
            _ping.JobEnded();
        }

        _jobs.Complete(outcome);
    }

    private async Task<ToolOutcome> CallToolAsync(string apiKey, string repository)
    {
        if (_settings.ToolBaseUrl is null)
        {
            return ToolOutcome.NotConfigured(repository);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, ToolApi.OpenPullRequests(_settings.ToolBaseUrl, repository));
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await _httpClients.CreateClient(ToolClientName).SendAsync(request);
        return await ToolApi.ReadOutcomeAsync(response, repository, CancellationToken.None);
    }
}

/// <summary>One open pull request, as the tool API lists it.</summary>
public sealed record PullRequestSummary(int Number, string Title);
