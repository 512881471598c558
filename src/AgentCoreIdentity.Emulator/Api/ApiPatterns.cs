using System.Text.RegularExpressions;

namespace AgentCoreIdentity.Emulator.Api;

/// <summary>Member patterns from the AgentCore data-plane service model, anchored here for whole-value checks.</summary>
internal static partial class ApiPatterns
{
    [GeneratedRegex("^[a-zA-Z0-9\\-_]+$")]
    public static partial Regex CredentialProviderName();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    public static partial Regex WorkloadName();

    [GeneratedRegex("^[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+$")]
    public static partial Regex UserToken();

    [GeneratedRegex("^urn:ietf:params:oauth:request_uri:[a-zA-Z0-9._~-]+$")]
    public static partial Regex SessionUri();

    [GeneratedRegex("^\\w+:(\\/?\\/?)[^\\s]+$")]
    public static partial Regex ReturnUrl();

    [GeneratedRegex("^[a-zA-Z0-9\\-_\\.]+$")]
    public static partial Regex CustomParameterKey();
}
