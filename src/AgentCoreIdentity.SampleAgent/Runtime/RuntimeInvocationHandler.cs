using AgentCoreIdentity.SampleAgent.Invocations;
using AgentCoreIdentity.SampleAgent.Jobs;
using AgentCoreIdentity.SampleAgent.Tool;

namespace AgentCoreIdentity.SampleAgent.Runtime;

/// <summary>
/// The runtime style's invocation handler. It receives the payload and the invocation's context as parameters,
/// and either calls the tool at once or hands the context to tracked background work.
/// </summary>
public sealed class RuntimeInvocationHandler
{
    /// <summary>Error code of a <c>repository</c> that is not <c>owner/name</c>, the same as in the plain style.</summary>
    public const string InvalidRepository = "InvalidRepository";

    private readonly ToolClient _tool;
    private readonly ApiKeyProvider _apiKeys;
    private readonly BackgroundWorkTracker _tracker;
    private readonly JobStore _jobs;
    private readonly SampleAgentSettings _settings;
    private readonly ILogger<RuntimeInvocationHandler> _logger;

    public RuntimeInvocationHandler(
        ToolClient tool,
        ApiKeyProvider apiKeys,
        BackgroundWorkTracker tracker,
        JobStore jobs,
        SampleAgentSettings settings,
        ILogger<RuntimeInvocationHandler> logger)
    {
        _tool = tool;
        _apiKeys = apiKeys;
        _tracker = tracker;
        _jobs = jobs;
        _settings = settings;
        _logger = logger;
    }

    public async Task<RuntimeInvocationResponse> InvokeAsync(
        RuntimeInvocationRequest request,
        AgentCoreRequestContext context,
        CancellationToken cancellationToken)
    {
        // Checked before any key is fetched or job started, so an invalid value gets a 400 that names the field and the
        // rule, not a job that fails later.
        if (request.Repository is { } requested && PayloadRules.CheckRepository(requested) is { } problem)
        {
            throw new AgentCoreInvocationRejectedException(StatusCodes.Status400BadRequest, InvalidRepository, problem);
        }

        var repository = request.Repository ?? ToolApi.DefaultRepository;
        if (!request.Background)
        {
            // Errors such as a missing workload access token propagate, and MapAgentCoreRuntime returns 500 with their code.
            var (tool, apiKeyLength) = await CallToolAsync(context, repository, cancellationToken);
            return new RuntimeInvocationResponse(context.RequestId, context.SessionId, "Succeeded", JobId: null, apiKeyLength, tool);
        }

        var jobId = Guid.NewGuid().ToString("N");
        var started = JobOutcome.Running(jobId, WorkerKinds.TrackerName, context, _settings.ApiKeyProviderName);
        _jobs.Add(started);
        _tracker.Start(context, (workContext, workCancellation) => RunJobAsync(started, workContext, repository, workCancellation), "list-pull-requests");

        return new RuntimeInvocationResponse(context.RequestId, context.SessionId, "Running", jobId, ApiKeyLength: null, Tool: null);
    }

    /// <summary>
    /// Calls the tool API, whose client attaches the key. Without a tool API there is no request for that handler to
    /// attach it to, so the key is fetched here: a missing token or provider fails the same way in both cases.
    /// </summary>
    private async Task<(ToolOutcome Tool, int? ApiKeyLength)> CallToolAsync(
        AgentCoreRequestContext context,
        string repository,
        CancellationToken cancellationToken)
    {
        if (_settings.ToolBaseUrl is null)
        {
            var apiKey = await _apiKeys.GetApiKeyAsync(context, _settings.ApiKeyProviderName, cancellationToken);
            return (ToolOutcome.NotConfigured(repository), apiKey.Length);
        }

        return (await _tool.ListPullRequestsAsync(context, _settings.ToolBaseUrl, repository, cancellationToken), null);
    }

    private async Task RunJobAsync(JobOutcome started, AgentCoreRequestContext context, string repository, CancellationToken cancellationToken)
    {
        var outcome = started with { WorkerThreadId = Environment.CurrentManagedThreadId };
        try
        {
            var (tool, apiKeyLength) = await CallToolAsync(context, repository, cancellationToken);
            _jobs.Complete(outcome with { Status = "Succeeded", ApiKeyLength = apiKeyLength, Tool = tool });
        }
        catch (AgentCoreIdentityException ex)
        {
            // Recorded for GET /jobs/{id}, then rethrown so that the tracker logs the failure with the request id.
            _logger.LogDebug("Job {JobId} of request {RequestId} failed with {Code}", started.JobId, context.RequestId, ex.Code);
            _jobs.Complete(outcome with { Status = "Failed", Error = new JobError(ex.Code, ex.GetType().Name, ex.Message) });
            throw;
        }
        catch (OperationCanceledException)
        {
            // The tracker cancels work when the host stops; the tracker records and logs that itself.
            _jobs.Complete(outcome with { Status = "Canceled" });
            throw;
        }
        catch (Exception ex)
        {
            _jobs.Complete(outcome with { Status = "Failed", Error = new JobError("UNEXPECTED", ex.GetType().Name, "The job failed unexpectedly; see the agent log.") });
            throw;
        }
    }
}
