namespace AgentCoreIdentity.Emulator.Signing;

/// <summary>The credential scope of a SigV4 signature: <c>date/region/service/aws4_request</c>.</summary>
/// <param name="Date">Signing date as <c>yyyyMMdd</c>.</param>
/// <param name="Region">Signing region.</param>
/// <param name="Service">Signing service name.</param>
public sealed record SigV4Scope(string Date, string Region, string Service)
{
    /// <summary>The scope as it appears in the string to sign.</summary>
    public override string ToString() => $"{Date}/{Region}/{Service}/aws4_request";
}
