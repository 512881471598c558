namespace AgentCoreIdentity.SampleAgent;

/// <summary>How the sample agent serves the AgentCore Runtime contract.</summary>
public enum SampleAgentStyle
{
    /// <summary>A plain minimal API that maps the routes itself and builds the request context in its handler.</summary>
    Plain,

    /// <summary>The library's hosting helpers: <c>MapAgentCoreRuntime</c>, the background work tracker and the API-key handler.</summary>
    Runtime,
}
