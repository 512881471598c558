using System.Diagnostics;
using AgentCoreIdentity.Resilience;

namespace AgentCoreIdentity.Diagnostics;

/// <summary>
/// One Identity call in flight: ends its activity, logs its outcome and records its metrics. Metrics and activity tags
/// are recorded for the first outcome only.
/// </summary>
internal sealed class IdentityCallScope : IDisposable
{
    private const string Success = "success";
    private const string Failure = "failure";
    private const string Cancelled = "cancelled";

    private readonly IdentityTelemetry _telemetry;
    private readonly IdentityCallState _state;
    private readonly Activity? _activity;
    private readonly long _startTimestamp;
    private bool _recorded;

    public IdentityCallScope(IdentityTelemetry telemetry, IdentityCallState state, Activity? activity, long startTimestamp)
    {
        _telemetry = telemetry;
        _state = state;
        _activity = activity;
        _startTimestamp = startTimestamp;
    }

    public IdentityCallState State => _state;

    public void RecordSuccess(string? requestId)
    {
        var duration = Complete(Success, requestId, statusCode: 200, error: null);
        CallLog.Succeeded(_telemetry.Logger, _state.Operation, _state.ProviderName, Milliseconds(duration), _state.Attempts, requestId ?? "none");
        _activity?.SetStatus(ActivityStatusCode.Ok);
    }

    public void RecordFailure(AgentCoreIdentityException error)
    {
        var duration = Complete(Failure, error.RequestId, error.StatusCode, error);
        CallLog.Failed(_telemetry.Logger, error, _state.Operation, _state.ProviderName, Milliseconds(duration), _state.Attempts);
        _activity?.SetStatus(ActivityStatusCode.Error, error.ServiceErrorCode is null ? error.Code : $"{error.Code} {error.ServiceErrorCode}");
    }

    public void RecordCancellation()
    {
        var duration = Complete(Cancelled, requestId: null, statusCode: null, error: null);
        CallLog.Cancelled(_telemetry.Logger, _state.Operation, _state.ProviderName, Milliseconds(duration), _state.Attempts);
    }

    public void Dispose() => _activity?.Dispose();

    private TimeSpan Complete(string outcome, string? requestId, int? statusCode, AgentCoreIdentityException? error)
    {
        var duration = _telemetry.Time.GetElapsedTime(_startTimestamp);
        if (_recorded)
        {
            return duration;
        }

        _recorded = true;
        _telemetry.Record(_state, duration, outcome, error);
        if (_activity is not null)
        {
            _activity.SetTag(AgentCoreIdentityDiagnostics.OutcomeTag, outcome);
            _activity.SetTag("agentcore.identity.attempts", _state.Attempts);
            _activity.SetTag("aws.request_id", requestId);
            _activity.SetTag("http.response.status_code", statusCode);
            _activity.SetTag(AgentCoreIdentityDiagnostics.ErrorCodeTag, error?.Code);
            _activity.SetTag(AgentCoreIdentityDiagnostics.ServiceErrorCodeTag, error?.ServiceErrorCode);
        }

        return duration;
    }

    private static long Milliseconds(TimeSpan duration) => (long)duration.TotalMilliseconds;
}
