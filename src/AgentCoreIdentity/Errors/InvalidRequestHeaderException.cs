namespace AgentCoreIdentity;

/// <summary>
/// Thrown while building an <see cref="AgentCoreRequestContext"/> when an inbound header has an invalid value.
/// The message names the header and the rule it broke, never the value.
/// </summary>
public sealed class InvalidRequestHeaderException : AgentCoreIdentityException
{
    internal InvalidRequestHeaderException(string headerName, string reason)
        : base(AgentCoreIdentityErrorCodes.InvalidRequestHeader, $"Invalid request header '{headerName}': {reason}")
    {
        HeaderName = headerName;
        Reason = reason;
    }

    /// <summary>Name of the rejected header.</summary>
    public string HeaderName { get; }

    /// <summary>Rule the value broke, without the value itself.</summary>
    public string Reason { get; }
}
