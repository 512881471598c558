using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AgentCoreIdentity.Tests;

/// <summary>
/// An <see cref="IHeaderDictionary"/> whose names are case-sensitive, so one name can appear in two letter cases,
/// as a host's own header store might allow.
/// </summary>
internal sealed class CaseSensitiveHeaderDictionary : Dictionary<string, StringValues>, IHeaderDictionary
{
    public CaseSensitiveHeaderDictionary()
        : base(StringComparer.Ordinal)
    {
    }

    public long? ContentLength { get; set; }
}
