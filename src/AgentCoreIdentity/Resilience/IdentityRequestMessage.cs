namespace AgentCoreIdentity.Resilience;

/// <summary>
/// An Identity request, a POST that carries its call's <see cref="IdentityCallState"/> to the handlers inside the
/// retry loop. A field on the message costs less than an entry in <see cref="HttpRequestMessage.Options"/>, whose
/// dictionary each request would allocate.
/// </summary>
internal sealed class IdentityRequestMessage : HttpRequestMessage
{
    public IdentityRequestMessage(Uri requestUri, IdentityCallState state)
        : base(HttpMethod.Post, requestUri)
    {
        State = state;
    }

    /// <summary>State of the call this request belongs to.</summary>
    public IdentityCallState State { get; }
}
