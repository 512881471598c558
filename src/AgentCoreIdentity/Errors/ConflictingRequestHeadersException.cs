namespace AgentCoreIdentity;

/// <summary>
/// Thrown while building an <see cref="AgentCoreRequestContext"/> when two headers that carry the same value
/// under different names disagree, so the SDK cannot tell which one the platform meant.
/// </summary>
public sealed class ConflictingRequestHeadersException : AgentCoreIdentityException
{
    internal ConflictingRequestHeadersException(string firstHeaderName, string secondHeaderName)
        : base(
            AgentCoreIdentityErrorCodes.ConflictingRequestHeaders,
            $"The request headers '{firstHeaderName}' and '{secondHeaderName}' carry different workload access tokens. "
            + "Send the token under one header name, or send the same value under both.")
    {
        HeaderNames = [firstHeaderName, secondHeaderName];
    }

    /// <summary>Names of the two conflicting headers, in order of precedence.</summary>
    public IReadOnlyList<string> HeaderNames { get; }
}
