using System.Diagnostics;

namespace AgentCoreIdentity;

/// <summary>What the debugger shows when a <see cref="ForwardedHeaders"/> map is expanded: names, and a marker for each value.</summary>
internal sealed class ForwardedHeadersDebugView
{
    private readonly ForwardedHeaders _headers;

    public ForwardedHeadersDebugView(ForwardedHeaders headers)
    {
        _headers = headers;
    }

    /// <summary>One line per header, with <c>***</c> in place of the value.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.RootHidden)]
    public string[] Headers => _headers.Keys.Select(name => $"{name}: {Redaction.Marker}").ToArray();
}
