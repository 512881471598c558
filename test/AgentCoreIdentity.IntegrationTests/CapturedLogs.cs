using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// A logger provider that keeps every log record at every level: the formatted message, the exception text and
/// each structured value, so tests can search all of it for secrets.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>One text per record: category, level, message, structured values and exception.</summary>
    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(", ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
                : string.Empty;
            lines.Enqueue($"{category} [{logLevel}] {formatter(state, exception)} {{{values}}} {exception}");
        }
    }
}
