using Microsoft.Extensions.Logging.Abstractions;

namespace AgentCoreIdentity.SampleAgent.Demo;

/// <summary>
/// Hooks through which a test observes what the demo keeps to itself: every secret it generates or receives, and the
/// logs of the sample agent and of the SDK clients it creates. The demo's report shows neither.
/// </summary>
internal sealed class DemoObserver
{
    /// <summary>The observer of a normal run: secrets go nowhere and nothing is logged.</summary>
    public static DemoObserver None { get; } = new();

    /// <summary>Receives each secret and a label for it, such as "API key", before the demo uses it.</summary>
    public Action<string, string>? OnSecret { get; init; }

    /// <summary>Adds logging providers to the sample agent's host and to the SDK clients that the demo creates.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Reports <paramref name="value"/> to <see cref="OnSecret"/> and returns it.</summary>
    public string Secret(string value, string label)
    {
        OnSecret?.Invoke(value, label);
        return value;
    }

    /// <summary>Creates the logger factory for SDK clients that the demo builds without dependency injection.</summary>
    public ILoggerFactory CreateLoggerFactory() =>
        ConfigureLogging is null ? NullLoggerFactory.Instance : LoggerFactory.Create(ConfigureLogging);
}
