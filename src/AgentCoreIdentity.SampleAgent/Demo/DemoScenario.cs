namespace AgentCoreIdentity.SampleAgent.Demo;

/// <summary>Which credential flows the demo runs.</summary>
public enum DemoScenario
{
    /// <summary>The API-key, M2M and user-federation flows, in that order.</summary>
    All,

    /// <summary>An API key fetched by a background worker.</summary>
    ApiKey,

    /// <summary>A machine-to-machine OAuth2 token.</summary>
    M2M,

    /// <summary>An OAuth2 token that needs the user's consent, with session binding at the return URL.</summary>
    UserFederation,
}
