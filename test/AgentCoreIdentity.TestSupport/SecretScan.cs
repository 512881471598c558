using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AgentCoreIdentity.TestSupport;

/// <summary>
/// Collects everything one test makes visible (log records, SDK exceptions, activity tags, metric tags and any text
/// the test hands over, such as a command's output) and finds the secrets the test registered in it.
/// <see cref="SecretScanningTest"/> creates one per test and fails the test on any hit.
/// </summary>
/// <remarks>
/// Exceptions are captured as they are thrown (first chance), when they are SDK exceptions or are thrown by SDK code,
/// so a test need not hand them over. Activities and metrics are captured by listeners on the SDK's activity source
/// and meter. The listeners and the first-chance hook are process-wide, so tests that use a scan must not run in
/// parallel with each other. NUnit runs tests one at a time unless a fixture is marked [Parallelizable].
/// </remarks>
public sealed class SecretScan : IDisposable
{
    /// <summary>Shortest value that can be registered; shorter values would match ordinary text.</summary>
    private SearchValues<string>? _anySecret;

    public const int MinSecretLength = 8;

    private static readonly System.Reflection.Assembly SdkAssembly = typeof(AgentCoreIdentityException).Assembly;

    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Exception> _exceptions = new();
    private readonly ConcurrentQueue<string> _telemetry = new();
    private readonly ConcurrentQueue<(string Source, string Text)> _texts = new();
    private readonly ConcurrentDictionary<Exception, bool> _testExceptions = new(ReferenceEqualityComparer.Instance);
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private bool _disposed;

    public SecretScan()
    {
        Logs = new FakeLogCollector();
        LoggerFactory = new LoggerFactory([new FakeLoggerProvider(Logs)], new LoggerFilterOptions { MinLevel = LogLevel.Trace });

        AppDomain.CurrentDomain.FirstChanceException += OnFirstChanceException;

        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentCoreIdentityDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnActivityStopped,
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AgentCoreIdentityDiagnostics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => OnMeasurement(instrument, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => OnMeasurement(instrument, tags));
        _meters.Start();
    }

    /// <summary>Every log record written through <see cref="LoggerFactory"/> or <see cref="AddLogging"/>, at every level.</summary>
    public FakeLogCollector Logs { get; }

    /// <summary>A logger factory at level Trace that writes into <see cref="Logs"/>, for <c>AgentCoreIdentityOptions.LoggerFactory</c>.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Activities of the SDK's activity source that have stopped, with their tags, as text.</summary>
    public IReadOnlyCollection<string> Telemetry => _telemetry;

    /// <summary>Registers a value that must appear nowhere the scan looks, and returns it.</summary>
    /// <param name="secret">The value, at least <see cref="MinSecretLength"/> characters.</param>
    /// <param name="label">What it is, such as "API key"; failure messages print the label, never the value.</param>
    public string Register(string secret, string label)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (secret.Length < MinSecretLength)
        {
            throw new ArgumentException($"The secret '{label}' is shorter than {MinSecretLength} characters, so scanning for it would match ordinary text.", nameof(secret));
        }

        _secrets.TryAdd(secret, label);
        return secret;
    }

    /// <summary>Routes a service collection's logging into <see cref="Logs"/> at level Trace.</summary>
    public void AddLogging(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging(ConfigureLogging);
    }

    /// <summary>
    /// Routes a logging builder into <see cref="Logs"/> at level Trace, for an app that takes an
    /// <c>Action&lt;ILoggingBuilder&gt;</c>, such as the sample agent's host.
    /// </summary>
    public void ConfigureLogging(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs));
    }

    /// <summary>Adds <see cref="Logs"/> as a provider of a logger factory that already exists, such as a host's.</summary>
    /// <remarks>The factory's own filter rules still apply, so records below its minimum level are not collected.</remarks>
    public void AttachTo(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        loggerFactory.AddProvider(new FakeLoggerProvider(Logs));
    }

    /// <summary>Adds an exception the test caught some other way to the scan.</summary>
    public void Inspect(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _exceptions.Enqueue(exception);
    }

    /// <summary>Adds text that the code under test produced, such as a command's output or a response body, to the scan.</summary>
    /// <param name="source">What the text is, such as "demo output"; failure messages name it.</param>
    /// <param name="text">The text to search.</param>
    public void Inspect(string source, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(text);
        _texts.Enqueue((source, text));
    }

    /// <summary>
    /// Leaves out the text of an exception that the test itself creates with a secret in it, such as a handler failure
    /// that quotes a token to prove the response hides it. Log records that carry this exception are still searched,
    /// except for the exception's own text.
    /// </summary>
    public void ExcludeTestException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _testExceptions.TryAdd(exception, true);
    }

    /// <summary>Returns one line per place a registered secret was found, with every secret replaced by its label.</summary>
    public IReadOnlyList<string> FindLeaks()
    {
        // One multi-string search per text finds the rare texts worth the per-secret loop, which matters in tests that
        // register thousands of secrets.
        _anySecret = SearchValues.Create(_secrets.Keys.ToArray(), StringComparison.Ordinal);
        var leaks = new List<string>();
        foreach (var record in Logs.GetSnapshot())
        {
            Check($"log record {record.Level} {record.Category} #{record.Id.Id}", DescribeRecord(record), leaks);
        }

        foreach (var exception in _exceptions.Distinct().Where(exception => !_testExceptions.ContainsKey(exception)))
        {
            Check($"exception {exception.GetType().Name}", exception.ToString(), leaks);
        }

        foreach (var item in _telemetry)
        {
            Check("telemetry", item, leaks);
        }

        foreach (var (source, text) in _texts)
        {
            Check(source, text, leaks);
        }

        return leaks;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.FirstChanceException -= OnFirstChanceException;
        _activities.Dispose();
        _meters.Dispose();
        LoggerFactory.Dispose();
    }

    private void Check(string where, string text, List<string> leaks)
    {
        if (_anySecret is not null && !text.AsSpan().ContainsAny(_anySecret))
        {
            return;
        }

        foreach (var (secret, label) in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                leaks.Add($"The {label} appears in {where}: {Redact(text)}");
            }
        }
    }

    private string Redact(string text)
    {
        foreach (var (secret, label) in _secrets)
        {
            text = text.Replace(secret, $"<{label}>", StringComparison.Ordinal);
        }

        return text.Length > 600 ? text[..600] + "..." : text;
    }

    private string DescribeRecord(FakeLogRecord record)
    {
        var exception = record.Exception is { } thrown && !_testExceptions.ContainsKey(thrown) ? thrown.ToString() : null;
        var parts = new List<string?> { record.Message, exception };
        if (record.StructuredState is { } state)
        {
            parts.AddRange(state.Select(pair => $"{pair.Key}={pair.Value}"));
        }

        parts.AddRange(record.Scopes.Select(scope => scope?.ToString()));
        return string.Join(" | ", parts.Where(part => part is not null));
    }

    private void OnFirstChanceException(object? sender, FirstChanceExceptionEventArgs e)
    {
        var exception = e.Exception;
        if (exception is AgentCoreIdentityException || exception.TargetSite?.DeclaringType?.Assembly == SdkAssembly)
        {
            _exceptions.Enqueue(exception);
        }
    }

    private void OnActivityStopped(Activity activity)
    {
        var tags = string.Join(", ", activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"));
        _telemetry.Enqueue($"activity {activity.OperationName} [{tags}] status {activity.Status} {activity.StatusDescription}");
    }

    private void OnMeasurement(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            text.Add($"{tag.Key}={tag.Value}");
        }

        _telemetry.Enqueue($"measurement {instrument.Name} [{string.Join(", ", text)}]");
    }
}
