namespace AgentCoreIdentity;

/// <summary>
/// Collects forwarded headers of one request in arrival order, with names unique in any letter case. Small sets are
/// searched linearly, which beats hashing for the handful of headers a request usually forwards; larger sets get a
/// case-insensitive index.
/// </summary>
internal struct ForwardedHeaderCollector
{
    /// <summary>Number of headers up to which lookups scan the entries instead of using an index.</summary>
    public const int LinearSearchLimit = 8;

    private const int InitialCapacity = 4;

    private KeyValuePair<string, string>[]? _entries;
    private int _count;
    private Dictionary<string, int>? _index;

    /// <summary>Number of headers collected.</summary>
    public readonly int Count => _count;

    /// <summary>Collected headers in the first <see cref="Count"/> slots; <c>null</c> before the first one.</summary>
    public readonly KeyValuePair<string, string>[]? Entries => _entries;

    /// <summary>Case-insensitive name index, present once more than <see cref="LinearSearchLimit"/> headers are collected.</summary>
    public readonly Dictionary<string, int>? Index => _index;

    /// <summary>Returns the position of <paramref name="name"/> in any letter case, or -1.</summary>
    public readonly int IndexOf(string name) => ForwardedHeaders.IndexOf(_entries, _count, _index, name);

    /// <summary>Returns the value at <paramref name="index"/>.</summary>
    public readonly string ValueAt(int index) => _entries![index].Value;

    /// <summary>Adds a header whose name is not collected yet.</summary>
    public void Add(string name, string value)
    {
        if (_entries is null)
        {
            _entries = new KeyValuePair<string, string>[InitialCapacity];
        }
        else if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_count] = new KeyValuePair<string, string>(name, value);
        _count++;

        if (_index is not null)
        {
            _index.Add(name, _count - 1);
        }
        else if (_count > LinearSearchLimit)
        {
            _index = new Dictionary<string, int>(_entries.Length, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < _count; i++)
            {
                _index.Add(_entries[i].Key, i);
            }
        }
    }

    /// <summary>Replaces the value at <paramref name="index"/>, keeping the name first received.</summary>
    public readonly void Replace(int index, string value) =>
        _entries![index] = new KeyValuePair<string, string>(_entries[index].Key, value);

    /// <summary>Creates the read-only map; the collector must not be used afterwards.</summary>
    public readonly ForwardedHeaders ToForwardedHeaders() =>
        _count == 0 ? ForwardedHeaders.Empty : new ForwardedHeaders(_entries!, _count, _index);
}
