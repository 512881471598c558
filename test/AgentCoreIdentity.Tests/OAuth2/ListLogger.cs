using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Tests.OAuth2;

/// <summary>A logger that keeps every record's formatted message and exception text, for checks on what was logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(EventId EventId, string Text)> _records = [];

    public IReadOnlyList<(EventId EventId, string Text)> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception) + " " + exception;
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            text += " " + string.Join(" ", values.Select(pair => $"{pair.Key}={pair.Value}"));
        }

        lock (_gate)
        {
            _records.Add((eventId, text));
        }
    }
}
