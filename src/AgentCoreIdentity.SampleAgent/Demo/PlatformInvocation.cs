using System.Reflection;

namespace AgentCoreIdentity.SampleAgent.Demo;

/// <summary>
/// An HTTP request in the <c>.http</c> text format: request line, headers, blank line, body. The sample embeds one
/// invocation exactly as AgentCore Runtime delivers it to a container.
/// </summary>
public sealed record PlatformInvocation(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    /// <summary>Loads the embedded platform invocation, whose token headers carry a placeholder token.</summary>
    public static PlatformInvocation LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("platform-invocation.http")
            ?? throw new InvalidOperationException("The embedded resource platform-invocation.http is missing from the sample assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses <c>.http</c> text with LF or CRLF line ends.</summary>
    /// <exception cref="FormatException">The request line or a header line is malformed.</exception>
    public static PlatformInvocation Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            throw new FormatException("The first line must be 'METHOD /path HTTP/1.1'.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        var index = 1;
        for (; index < lines.Length && lines[index].Length > 0; index++)
        {
            var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"Line {index + 1} is not a 'name: value' header line.");
            }

            headers.Add(new(lines[index][..colon].Trim(), lines[index][(colon + 1)..].Trim()));
        }

        var body = string.Join('\n', lines.Skip(index + 1)).TrimEnd('\n');
        return new PlatformInvocation(requestLine[0], requestLine[1], headers, body);
    }

    /// <summary>Names of the headers that carry the workload access token, as they appear in this request.</summary>
    public IEnumerable<string> WorkloadAccessTokenHeaderNames =>
        Headers.Where(header => IsWorkloadAccessTokenHeader(header.Key)).Select(header => header.Key);

    /// <summary>Returns a copy whose workload access token headers carry <paramref name="token"/>.</summary>
    public PlatformInvocation WithWorkloadAccessToken(string token) => this with
    {
        Headers = Headers
            .Select(header => IsWorkloadAccessTokenHeader(header.Key) ? new KeyValuePair<string, string>(header.Key, token) : header)
            .ToArray(),
    };

    /// <summary>
    /// Returns a copy without workload access token headers, like an invocation for which AgentCore Runtime knew no
    /// end user.
    /// </summary>
    public PlatformInvocation WithoutWorkloadAccessToken() => this with
    {
        Headers = Headers.Where(header => !IsWorkloadAccessTokenHeader(header.Key)).ToArray(),
    };

    /// <summary>Returns the value of a header, matched in any letter case.</summary>
    public string? GetHeader(string name) =>
        Headers.FirstOrDefault(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// Builds the request for <paramref name="baseAddress"/>. Content headers go on the content; <c>host</c> and
    /// <c>content-length</c> are left to <see cref="HttpClient"/>, which sets them for the real connection.
    /// </summary>
    public HttpRequestMessage ToHttpRequest(Uri baseAddress)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(baseAddress, Path.TrimStart('/')))
        {
            Content = new StringContent(Body),
        };
        request.Content.Headers.Clear();

        foreach (var (name, value) in Headers)
        {
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase) || name.Equals("content-length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private static bool IsWorkloadAccessTokenHeader(string name) =>
        AgentCoreHeaderNames.WorkloadAccessTokenHeaders.Contains(name, StringComparer.OrdinalIgnoreCase);
}
