namespace AgentCoreIdentity.Resilience;

/// <summary>How one failed attempt is judged by the retry policy.</summary>
/// <param name="IsTransient">Whether another attempt may succeed.</param>
/// <param name="Description">What failed, for log messages, such as "HTTP 429 ThrottlingException".</param>
/// <param name="RequestId">AWS request id of the response, when there was one.</param>
/// <param name="RetryAfter">Wait the service asked for in <c>Retry-After</c>, when it sent one.</param>
internal sealed record AttemptFailure(bool IsTransient, string Description, string? RequestId, TimeSpan? RetryAfter)
{
    /// <summary>An outcome that is not retried, such as a success or a caller's cancellation.</summary>
    public static AttemptFailure Final { get; } = new(false, "a final outcome", null, null);
}
