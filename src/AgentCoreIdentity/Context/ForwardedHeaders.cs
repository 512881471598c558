using System.Collections;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace AgentCoreIdentity;

/// <summary>
/// Read-only map of the inbound headers that AgentCore Runtime forwards to agent code, with lookups that ignore
/// letter case, in the order received. <see cref="ToString"/> and the debugger list header names only, because
/// values such as <c>Authorization</c> or a caller's API key are secrets.
/// </summary>
/// <remarks>
/// The map never contains the workload access token headers or <c>OAuth2CallbackUrl</c>: their values are on
/// <see cref="AgentCoreRequestContext"/>. It does contain <c>Authorization</c> when the request had one.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[DebuggerTypeProxy(typeof(ForwardedHeadersDebugView))]
public sealed class ForwardedHeaders : IReadOnlyDictionary<string, string>, IEquatable<ForwardedHeaders>
{
    private readonly KeyValuePair<string, string>[] _entries;
    private readonly int _count;
    private readonly Dictionary<string, int>? _index;

    /// <summary>Creates a map from name and value pairs, for example for a hand-built context in a unit test.</summary>
    /// <param name="headers">Header names and values; a name may appear once, in any letter case.</param>
    /// <exception cref="ArgumentException">
    /// A name is not a valid HTTP header name or appears twice. Or a name is one that the platform never forwards,
    /// or one whose value the context keeps in its own property: a token header, the session, request or user id
    /// header, or <c>OAuth2CallbackUrl</c>. Or a value contains a control character.
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or a value is <c>null</c>.</exception>
    public ForwardedHeaders(IEnumerable<KeyValuePair<string, string>> headers)
        : this(Collect(headers))
    {
    }

    private ForwardedHeaders(ForwardedHeaderCollector collector)
        : this(collector.Entries ?? [], collector.Count, collector.Index)
    {
    }

    /// <summary>Wraps entries that <see cref="ForwardedHeaderCollector"/> checked and no longer touches.</summary>
    internal ForwardedHeaders(KeyValuePair<string, string>[] entries, int count, Dictionary<string, int>? index)
    {
        _entries = entries;
        _count = count;
        _index = index;
    }

    /// <summary>A map with no headers.</summary>
    public static ForwardedHeaders Empty { get; } = new([], 0, null);

    /// <inheritdoc />
    public int Count => _count;

    /// <summary>Header names in the order received.</summary>
    public IEnumerable<string> Keys => this.Select(entry => entry.Key);

    /// <summary>Header values in the order received. They may be secrets: do not log them.</summary>
    public IEnumerable<string> Values => this.Select(entry => entry.Value);

    /// <summary>Returns the value of a header, looked up in any letter case.</summary>
    /// <exception cref="KeyNotFoundException">No forwarded header has that name.</exception>
    public string this[string key] => TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"No forwarded header is named '{key}'.");

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(_entries, _count, _index, key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var position = IndexOf(_entries, _count, _index, key);
        value = position >= 0 ? _entries[position].Value : null;
        return position >= 0;
    }

    /// <summary>Enumerates the headers in the order received.</summary>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _entries[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Lists the header names, never their values.</summary>
    public override string ToString() => "[" + string.Join(", ", Keys) + "]";

    /// <summary>
    /// Whether both maps hold the same names, compared in any letter case, with the same values, compared exactly.
    /// Order does not matter, so two contexts built from the same headers are equal apart from their request ids.
    /// </summary>
    public bool Equals(ForwardedHeaders? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var (name, value) in this)
        {
            if (!other.TryGetValue(name, out var otherValue) || !string.Equals(value, otherValue, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ForwardedHeaders);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // A sum does not depend on order, as Equals does not.
        var hash = 0;
        foreach (var (name, value) in this)
        {
            hash += HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(name), StringComparer.Ordinal.GetHashCode(value));
        }

        return hash;
    }

    /// <summary>Finds a name in any letter case, through the index when there is one.</summary>
    internal static int IndexOf(KeyValuePair<string, string>[]? entries, int count, Dictionary<string, int>? index, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (index is not null)
        {
            return index.TryGetValue(name, out var position) ? position : -1;
        }

        for (var i = 0; i < count; i++)
        {
            if (string.Equals(entries![i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static ForwardedHeaderCollector Collect(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);

        var collector = default(ForwardedHeaderCollector);
        foreach (var (name, value) in headers)
        {
            CheckEntry(name, value);
            if (collector.IndexOf(name) >= 0)
            {
                throw new ArgumentException($"The header '{name}' appears more than once.", nameof(headers));
            }

            collector.Add(name, value);
        }

        return collector;
    }

    private static void CheckEntry(string name, string value)
    {
        try
        {
            HeaderValueRules.CheckName(name);
        }
        catch (InvalidRequestHeaderException ex)
        {
            throw new ArgumentException(ex.Message, nameof(name), ex);
        }

        if (HeaderClassifier.Classify(name) is not (HeaderKind.Forwarded or HeaderKind.Authorization))
        {
            throw new ArgumentException(
                $"The header '{name}' is never forwarded: AgentCore Runtime restricts it, or the context holds its value "
                + "in a property such as WorkloadAccessToken, SessionId or OAuth2CallbackUrl. Set that property instead.",
                nameof(name));
        }

        ArgumentNullException.ThrowIfNull(value, nameof(value));
        try
        {
            HeaderValueRules.JoinForwarded(name, value);
        }
        catch (InvalidRequestHeaderException ex)
        {
            throw new ArgumentException(ex.Message, nameof(value), ex);
        }
    }
}
