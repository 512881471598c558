namespace AgentCoreIdentity;

/// <summary>Marker text printed in place of a secret wherever a value is printed.</summary>
internal static class Redaction
{
    /// <summary>Fixed marker printed in place of every token, key and authorization value.</summary>
    public const string Marker = "***";

    /// <summary>Returns the marker for a present secret and <c>null</c> for an absent one.</summary>
    public static string Describe(string? secret) => secret is null ? "null" : Marker;
}
