using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentCoreIdentity.DataPlane;
using AgentCoreIdentity.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentCoreIdentity.Diagnostics;

/// <summary>
/// Logging, tracing and metrics of Identity calls: the <c>AgentCoreIdentity</c> activity source and meter, a request
/// counter and a duration histogram. Tag values are operation names, provider names, outcomes and error codes,
/// never a secret.
/// </summary>
internal sealed class IdentityTelemetry
{
    private static readonly string? Version = typeof(IdentityTelemetry).Assembly.GetName().Version?.ToString();

    // ActivitySource is thread-safe and has no state of ours, so one instance serves the whole process.
    private static readonly ActivitySource Source = new(AgentCoreIdentityDiagnostics.ActivitySourceName, Version);

    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60];

    private readonly Counter<long> _requests;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _duration;

    /// <param name="loggerFactory">Factory of the call logger; <c>null</c> logs nothing.</param>
    /// <param name="meterFactory">Factory of the meter; <c>null</c> creates a meter owned by this instance.</param>
    /// <param name="time">Clock for call durations.</param>
    public IdentityTelemetry(ILoggerFactory? loggerFactory, IMeterFactory? meterFactory, TimeProvider time)
    {
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(IdentityLogCategories.Calls);
        Time = time;

        var meterOptions = new MeterOptions(AgentCoreIdentityDiagnostics.MeterName) { Version = Version };
        var meter = meterFactory?.Create(meterOptions) ?? new Meter(meterOptions);
        _requests = meter.CreateCounter<long>(
            AgentCoreIdentityDiagnostics.RequestCounterName,
            unit: "{request}",
            description: "AgentCore Identity calls, counted once whatever the number of attempts.");
        _retries = meter.CreateCounter<long>(
            AgentCoreIdentityDiagnostics.RetryCounterName,
            unit: "{retry}",
            description: "Attempts of AgentCore Identity calls after the first, counted when each call ends.");
        _duration = meter.CreateHistogram(
            AgentCoreIdentityDiagnostics.DurationHistogramName,
            unit: "s",
            description: "Duration of AgentCore Identity calls, with every attempt and wait between attempts.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public ILogger Logger { get; }

    public TimeProvider Time { get; }

    /// <summary>Starts the activity and the clock of one call, and logs its start.</summary>
    public IdentityCallScope StartCall(IdentityRequest request, IdentityCallState state)
    {
        var activity = Source.StartActivity(request.Operation.ActivityName, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("rpc.system", "aws-api");
            activity.SetTag("rpc.service", "BedrockAgentCore");
            activity.SetTag("rpc.method", request.Operation.Name);
            activity.SetTag(AgentCoreIdentityDiagnostics.OperationTag, request.Operation.Name);
            activity.SetTag(AgentCoreIdentityDiagnostics.ProviderTag, request.ProviderName);
        }

        CallLog.Starting(Logger, request.Operation.Name, request.ProviderName);
        return new IdentityCallScope(this, state, activity, Time.GetTimestamp());
    }

    /// <summary>Counts a finished call and its retries, and records its duration.</summary>
    public void Record(IdentityCallState state, TimeSpan duration, string outcome, AgentCoreIdentityException? error)
    {
        if (!_requests.Enabled && !_duration.Enabled && !_retries.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { AgentCoreIdentityDiagnostics.OperationTag, state.Operation },
            { AgentCoreIdentityDiagnostics.OutcomeTag, outcome },
        };

        if (state.ProviderName is not null)
        {
            tags.Add(AgentCoreIdentityDiagnostics.ProviderTag, state.ProviderName);
        }

        if (error is not null)
        {
            tags.Add(AgentCoreIdentityDiagnostics.ErrorCodeTag, error.Code);
            if (error.ServiceErrorCode is not null)
            {
                tags.Add(AgentCoreIdentityDiagnostics.ServiceErrorCodeTag, error.ServiceErrorCode);
            }
        }

        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
        if (state.Attempts > 1)
        {
            _retries.Add(state.Attempts - 1, tags);
        }
    }
}
