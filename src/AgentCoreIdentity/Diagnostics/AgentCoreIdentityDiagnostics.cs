namespace AgentCoreIdentity;

/// <summary>
/// Names of the SDK's tracing and metrics, for OpenTelemetry set-up such as
/// <c>tracing.AddSource(AgentCoreIdentityDiagnostics.ActivitySourceName)</c> and
/// <c>metrics.AddMeter(AgentCoreIdentityDiagnostics.MeterName)</c>. No tag value is ever a secret.
/// </summary>
public static class AgentCoreIdentityDiagnostics
{
    /// <summary>Name of the <see cref="System.Diagnostics.ActivitySource"/> that starts one activity per Identity call.</summary>
    public const string ActivitySourceName = "AgentCoreIdentity";

    /// <summary>Name of the <see cref="System.Diagnostics.Metrics.Meter"/> of the request and retry counters and the duration histogram.</summary>
    public const string MeterName = "AgentCoreIdentity";

    /// <summary>Counter of Identity calls, one per call whatever the number of attempts.</summary>
    public const string RequestCounterName = "agentcore.identity.client.requests";

    /// <summary>Histogram of Identity call durations in seconds, retries and waits included.</summary>
    public const string DurationHistogramName = "agentcore.identity.client.duration";

    /// <summary>
    /// Counter of retried attempts: each call adds its attempts after the first when it ends, with the same tags as
    /// the request counter. A call that succeeds on its first attempt adds nothing.
    /// </summary>
    public const string RetryCounterName = "agentcore.identity.client.retries";

    /// <summary>Tag with the operation name, such as <c>GetResourceApiKey</c>.</summary>
    public const string OperationTag = "agentcore.identity.operation";

    /// <summary>Tag with the credential provider name; absent for operations without one.</summary>
    public const string ProviderTag = "agentcore.identity.provider";

    /// <summary>Tag with the outcome: <c>success</c>, <c>failure</c> or <c>cancelled</c>.</summary>
    public const string OutcomeTag = "agentcore.identity.outcome";

    /// <summary>Tag with the stable error code of a failure, such as <c>ACI2005</c>; absent on success.</summary>
    public const string ErrorCodeTag = "error.type";

    /// <summary>Tag with the service's error code of a failure, such as <c>ThrottlingException</c>, when it sent one.</summary>
    public const string ServiceErrorCodeTag = "agentcore.identity.service_error_code";
}
