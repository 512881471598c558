using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace AgentCoreIdentity.Resilience;

/// <summary>
/// Builds the retries and timeouts of every Identity call. The dependency-injection registration and the providers'
/// public constructors both build them here, so both paths retry and time out alike.
/// </summary>
/// <remarks>
/// Only the retry policy runs in Polly, in the resilience handler. The total timeout is a cancellation source that
/// <see cref="DataPlane.HttpIdentityDataPlane"/> starts around the whole send, so it also bounds the waits between
/// attempts. The attempt timeout is one that <see cref="IdentityAttemptHandler"/> starts around each attempt. Both
/// run on the options' <see cref="TimeProvider"/>. Two Polly timeout strategies did the same work before, with about
/// 0.2 KB more allocated per call; docs/benchmarks.md has the measurements.
/// </remarks>
internal static class IdentityResiliencePipeline
{
    /// <summary>Name of the pipeline, as it appears in resilience telemetry.</summary>
    public const string Name = "AgentCoreIdentity";

    /// <summary>Builds a pipeline for a <see cref="ResilienceHandler"/>.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(
        AgentCoreIdentityRetryOptions options,
        TimeProvider time,
        ILogger logger,
        Func<double>? random = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = Name };
        Configure(builder, options, time, logger, random);
        return builder.Build();
    }

    /// <summary>Adds the retry policy to <paramref name="builder"/>, with its delays timed by <paramref name="time"/>.</summary>
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        AgentCoreIdentityRetryOptions options,
        TimeProvider time,
        ILogger logger,
        Func<double>? random = null)
    {
        builder.TimeProvider = time;

        // Polly requires at least one retry, so a single attempt means no retry strategy at all.
        if (options.MaxAttempts > 1)
        {
            var policy = new IdentityRetryPolicy(options, time, random ?? Random.Shared.NextDouble, logger);
            builder.AddRetry(new Polly.Retry.RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "Retry",
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = policy.ShouldRetryAsync,
                DelayGenerator = policy.GetDelayAsync,
                OnRetry = policy.OnRetryAsync,
            });
        }
    }
}
