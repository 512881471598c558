namespace AgentCoreIdentity.Resilience;

/// <summary>
/// State of one Identity call that the handlers inside the retry loop share with the caller through
/// <see cref="IdentityRequestMessage"/>: which operation it is and how many attempts were sent.
/// </summary>
internal sealed class IdentityCallState
{
    private int _attempts;

    public IdentityCallState(string operation, string? providerName)
    {
        Operation = operation;
        ProviderName = providerName;
    }

    /// <summary>Operation name, such as <c>GetResourceApiKey</c>.</summary>
    public string Operation { get; }

    /// <summary>Credential provider of the call, when it has one.</summary>
    public string? ProviderName { get; }

    /// <summary>Number of attempts sent so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Counts an attempt that is about to be sent and returns its number, from 1.</summary>
    public int StartAttempt() => Interlocked.Increment(ref _attempts);

    /// <summary>Returns the state stored on <paramref name="request"/>, or <c>null</c> for a request without one.</summary>
    public static IdentityCallState? From(HttpRequestMessage? request) =>
        (request as IdentityRequestMessage)?.State;
}
