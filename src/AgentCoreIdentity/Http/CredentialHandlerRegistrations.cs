namespace AgentCoreIdentity;

/// <summary>
/// The credential handlers registered on one named client, in registration order.
/// <see cref="CredentialHandlerBuilderFilter"/> reads them when the factory builds the client's handler chain.
/// </summary>
internal sealed class CredentialHandlerRegistrations
{
    /// <summary>Creates each handler from the handler chain's service provider.</summary>
    public List<Func<IServiceProvider, DelegatingHandler>> Factories { get; } = [];
}
