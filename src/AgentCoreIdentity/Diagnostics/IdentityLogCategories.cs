namespace AgentCoreIdentity.Diagnostics;

/// <summary>Logger categories of the SDK, stable so that log filters can name them.</summary>
internal static class IdentityLogCategories
{
    /// <summary>Start, end and failure of each Identity call.</summary>
    public const string Calls = "AgentCoreIdentity.Calls";

    /// <summary>Retries of Identity calls.</summary>
    public const string Retries = "AgentCoreIdentity.Retries";
}
