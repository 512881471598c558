using System.Collections.Concurrent;

namespace AgentCoreIdentity.SampleAgent.Jobs;

/// <summary>In-memory jobs of this process, each with a task that completes when the job ends.</summary>
public sealed class JobStore
{
    private readonly ConcurrentDictionary<string, (JobOutcome Started, TaskCompletionSource<JobOutcome> Done)> _jobs = new();

    public void Add(JobOutcome started) =>
        _jobs[started.JobId] = (started, new TaskCompletionSource<JobOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Complete(JobOutcome outcome) => _jobs[outcome.JobId].Done.TrySetResult(outcome);

    /// <summary>Returns the job's outcome, waiting up to <paramref name="wait"/> for it to end; <c>null</c> for an unknown id.</summary>
    public async Task<JobOutcome?> GetAsync(string jobId, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!_jobs.TryGetValue(jobId, out var job))
        {
            return null;
        }

        if (wait <= TimeSpan.Zero || job.Done.Task.IsCompleted)
        {
            return job.Done.Task.IsCompleted ? await job.Done.Task : job.Started;
        }

        try
        {
            return await job.Done.Task.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            return job.Started;
        }
    }
}
