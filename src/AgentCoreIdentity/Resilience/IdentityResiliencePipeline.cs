using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace AgentCoreIdentity.Resilience;

/// <summary>
/// Builds the resilience pipeline of every Identity call, from the outside in: the total timeout, the retry policy,
/// and the attempt timeout. The dependency-injection registration and the providers' public constructors both
/// build it here, so both paths retry and time out alike.
/// </summary>
internal static class IdentityResiliencePipeline
{
    /// <summary>Name of the pipeline, as it appears in resilience telemetry.</summary>
    public const string Name = "AgentCoreIdentity";

    /// <summary>Builds a pipeline for a <see cref="Microsoft.Extensions.Http.Resilience.ResilienceHandler"/>.</summary>
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

    /// <summary>Adds the timeouts and the retry policy to <paramref name="builder"/>, timed by <paramref name="time"/>.</summary>
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        AgentCoreIdentityRetryOptions options,
        TimeProvider time,
        ILogger logger,
        Func<double>? random = null)
    {
        builder.TimeProvider = time;
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "TotalTimeout",
            Timeout = options.TotalTimeout,
            OnTimeout = static args =>
            {
                IdentityCallState.From(args.Context.GetRequestMessage())?.MarkTotalTimeoutExpired();
                return default;
            },
        });

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

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = options.AttemptTimeout });
    }
}
