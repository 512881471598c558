using System.Text.Json;

namespace AgentCoreIdentity.DataPlane;

/// <summary>
/// A data-plane request that writes its own JSON body. Members are written in the order the official AWS SDKs
/// use, and members that are not set are left out of the body.
/// </summary>
internal abstract record IdentityRequest
{
    /// <summary>The operation this request calls.</summary>
    public abstract IdentityOperation Operation { get; }

    /// <summary>Credential provider named in the request, for error messages; <c>null</c> when there is none.</summary>
    public virtual string? ProviderName => null;

    /// <summary>Writes the body members between the object's braces.</summary>
    public abstract void WriteMembers(Utf8JsonWriter writer);

    /// <summary>
    /// Returns the body written by <see cref="PlainJsonObject"/> when the request has only string members that need
    /// no escaping, or <c>null</c> to write it with <see cref="WriteMembers"/>.
    /// </summary>
    public virtual byte[]? TryWritePlainBody() => null;

    /// <summary>Secret values the request carries, which must never reach an exception message.</summary>
    public abstract IEnumerable<string?> GetSecrets();
}
