namespace AgentCoreIdentity.SampleAgent;

/// <summary>Settings of the sample agent.</summary>
public sealed record SampleAgentSettings
{
    /// <summary>TCP port on 127.0.0.1; AgentCore Runtime expects 8080. 0 picks a free port.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>API-key credential provider the worker reads.</summary>
    public string ApiKeyProviderName { get; init; } = "github-api-key";

    /// <summary>OAuth2 credential provider for machine-to-machine tokens.</summary>
    public string M2MProviderName { get; init; } = "inventory-m2m";

    /// <summary>OAuth2 credential provider for tokens that need the end user's consent.</summary>
    public string UserFederationProviderName { get; init; } = "google-calendar";

    /// <summary>Base URL of the downstream tool API, ending in '/'; <c>null</c> skips the tool call.</summary>
    public Uri? ToolBaseUrl { get; init; }

    /// <summary>Whether to serve with a plain minimal API or with the library's hosting helpers.</summary>
    public SampleAgentStyle Style { get; init; } = SampleAgentStyle.Plain;
}
