using System.Reflection;

namespace AgentCoreIdentity.Benchmarks;

/// <summary>
/// The header lines of the sample's <c>platform-invocation.http</c>: one invocation exactly as AgentCore Runtime
/// delivers it to a container.
/// </summary>
public static class PlatformHeaders
{
    /// <summary>Reads the header names and values from the embedded request, in file order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("platform-invocation.http")
            ?? throw new InvalidOperationException("The embedded resource platform-invocation.http is missing.");
        using var reader = new StreamReader(stream);

        // Skip the request line, then read 'name: value' lines up to the blank line before the body.
        reader.ReadLine();
        var headers = new List<KeyValuePair<string, string>>();
        for (var line = reader.ReadLine(); !string.IsNullOrEmpty(line); line = reader.ReadLine())
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return headers;
    }
}
