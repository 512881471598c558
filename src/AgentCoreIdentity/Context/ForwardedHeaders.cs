using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AgentCoreIdentity;

/// <summary>
/// Read-only map of the inbound headers that AgentCore Runtime forwards to agent code, with lookups that ignore
/// letter case. <see cref="ToString"/> lists header names only, because values such as <c>Authorization</c>
/// or a caller's API key are secrets.
/// </summary>
public sealed class ForwardedHeaders : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _headers;

    /// <summary>Creates a map from name and value pairs, for example in tests.</summary>
    /// <param name="headers">Header names and values; a name may appear once, in any letter case.</param>
    /// <exception cref="ArgumentException">A name is empty or appears twice.</exception>
    public ForwardedHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);

        _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(headers));
            ArgumentNullException.ThrowIfNull(value, nameof(headers));
            if (!_headers.TryAdd(name, value))
            {
                throw new ArgumentException($"The header '{name}' appears more than once.", nameof(headers));
            }
        }
    }

    private ForwardedHeaders(Dictionary<string, string> headers)
    {
        _headers = headers;
    }

    /// <summary>A map with no headers.</summary>
    public static ForwardedHeaders Empty { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <inheritdoc />
    public int Count => _headers.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _headers.Keys;

    /// <inheritdoc />
    public IEnumerable<string> Values => _headers.Values;

    /// <inheritdoc />
    public string this[string key] => _headers[key];

    /// <inheritdoc />
    public bool ContainsKey(string key) => _headers.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _headers.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Lists the header names, never their values.</summary>
    public override string ToString() => "[" + string.Join(", ", _headers.Keys) + "]";

    /// <summary>Wraps a dictionary that the caller built with an ordinal, case-insensitive comparer and no longer touches.</summary>
    internal static ForwardedHeaders Wrap(Dictionary<string, string> headers) => new(headers);
}
