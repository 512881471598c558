namespace AgentCoreIdentity;

/// <summary>Resolved endpoint and signing region of the Identity data plane.</summary>
/// <param name="BaseAddress">Scheme, host and port, with an optional path prefix, without a trailing slash.</param>
/// <param name="Region">AWS region the requests are signed for.</param>
internal sealed record IdentityServiceTarget(Uri BaseAddress, string Region)
{
    /// <summary>Returns the absolute URI of an operation path such as <c>/identities/api-key</c>.</summary>
    public Uri GetOperationUri(string path) => new(BaseAddress.AbsoluteUri.TrimEnd('/') + path, UriKind.Absolute);
}
