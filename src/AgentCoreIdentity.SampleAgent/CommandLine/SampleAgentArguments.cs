using System.Globalization;
using AgentCoreIdentity.SampleAgent.Invocations;

namespace AgentCoreIdentity.SampleAgent.CommandLine;

/// <summary>
/// The options of the sample agent's serve command. A class rather than a record, so that no generated
/// <c>ToString</c> prints <see cref="ToolApiKey"/>.
/// </summary>
internal sealed class SampleAgentArguments
{
    /// <summary>Environment variable that gives the built-in tool API's key without putting it on the command line.</summary>
    public const string ToolKeyVariable = "SAMPLE_TOOL_KEY";

    public const string Usage = """
        Usage:
          dotnet run --project src/AgentCoreIdentity.SampleAgent -- demo [api-key|m2m|user-federation]
              Start the Identity emulator, this agent and a tool API on loopback and run the credential flows end to
              end: an API key for a background worker, an M2M OAuth2 token, and an OAuth2 token that needs the
              user's consent. Without a flow name, all three run in that order.
          dotnet run --project src/AgentCoreIdentity.SampleAgent -- [--style plain|runtime] [--port N] [--provider NAME]
                                                                     [--tool-url URL | --tool-key KEY]
              Serve the agent on 127.0.0.1 until Ctrl+C or SIGTERM.
              --style plain|runtime  plain (the default) maps POST /invocations, GET /ping, GET /jobs/{id} and the
                                     /oauth2 routes in a plain minimal API; runtime serves POST /invocations, GET /ping
                                     and GET /jobs/{id} with the library's MapAgentCoreRuntime, background work
                                     tracker and API-key handler
              --port N               TCP port on 127.0.0.1 (default 8080; 0 picks a free port)
              --provider NAME        API-key credential provider to read (default github-api-key)
              --tool-url URL         base URL of a tool API to call with the key; without it or a tool key, the key
                                     is fetched but not used
              --tool-key KEY         serve the built-in tool API in this process, on a free loopback port, and accept
                                     only KEY there; use the key stored in the provider. Other users of the machine
                                     can see KEY in the process list, so pass only a demo key this way
              Environment variables:
              SAMPLE_TOOL_KEY        the built-in tool API's key, as with --tool-key but kept off the command line;
                                     read only when neither --tool-key nor --tool-url is given
              Identity settings come from the AWS default chains and BEDROCK_AGENTCORE_DP_ENDPOINT.
          dotnet run --project src/AgentCoreIdentity.SampleAgent -- --help
              Print this text.
        Run these commands from the root of the repository, or run the built program AgentCoreIdentity.SampleAgent
        with the same arguments.
        """;

    /// <summary>Whether <c>-h</c> or <c>--help</c> was given; then the other options are not read.</summary>
    public bool ShowHelp { get; private init; }

    /// <summary>Port, style, provider and tool URL.</summary>
    public SampleAgentSettings Settings { get; private init; } = new();

    /// <summary>The only key that the in-process tool API accepts; <c>null</c> serves no tool API.</summary>
    public string? ToolApiKey { get; private init; }

    /// <summary>Where <see cref="ToolApiKey"/> came from: <c>--tool-key</c> or <see cref="ToolKeyVariable"/>.</summary>
    public string? ToolApiKeySource { get; private init; }

    /// <summary>Parses the options of the serve command, and reads <see cref="ToolKeyVariable"/> from the process environment.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or has an invalid value. The message names the option.</exception>
    public static SampleAgentArguments Parse(IReadOnlyList<string> args) => Parse(args, Environment.GetEnvironmentVariable);

    /// <summary>Parses the options of the serve command.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="getEnvironmentVariable">
    /// Returns an environment variable's value or <c>null</c>. <see cref="ToolKeyVariable"/> is read only when neither
    /// <c>--tool-key</c> nor <c>--tool-url</c> is given, so the command line wins.
    /// </param>
    /// <exception cref="ArgumentException">An option or the environment variable has an invalid value. The message names it.</exception>
    public static SampleAgentArguments Parse(IReadOnlyList<string> args, Func<string, string?> getEnvironmentVariable)
    {
        if (args.Any(arg => arg is "-h" or "--help"))
        {
            return new SampleAgentArguments { ShowHelp = true };
        }

        var settings = new SampleAgentSettings();
        string? toolApiKey = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"The option '{args[i]}' needs a value.");
            switch (args[i])
            {
                case "--port":
                    settings = settings with { Port = ParsePort(value) };
                    break;
                case "--provider":
                    settings = settings with { ApiKeyProviderName = PayloadRules.CheckProvider(value, "--provider") is { } error ? throw new ArgumentException(error) : value };
                    break;
                case "--style":
                    settings = settings with { Style = ParseStyle(value) };
                    break;
                case "--tool-url":
                    settings = settings with { ToolBaseUrl = ParseToolUrl(value) };
                    break;
                case "--tool-key":
                    toolApiKey = value.Length > 0 ? value : throw new ArgumentException("The option '--tool-key' needs a non-empty key.");
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (toolApiKey is not null && settings.ToolBaseUrl is not null)
        {
            throw new ArgumentException("Use either --tool-url, for a tool API that runs elsewhere, or --tool-key, for the built-in one, not both.");
        }

        var source = toolApiKey is null ? null : "--tool-key";
        if (toolApiKey is null && settings.ToolBaseUrl is null && getEnvironmentVariable(ToolKeyVariable) is { } fromEnvironment)
        {
            toolApiKey = fromEnvironment.Length > 0
                ? fromEnvironment
                : throw new ArgumentException($"The environment variable {ToolKeyVariable} is set but empty. Set it to the tool API's key, or unset it.");
            source = ToolKeyVariable;
        }

        return new SampleAgentArguments { Settings = settings, ToolApiKey = toolApiKey, ToolApiKeySource = source };
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new ArgumentException($"The port '{value}' is not a number from 0 to 65535.");

    private static SampleAgentStyle ParseStyle(string value) => value switch
    {
        "plain" => SampleAgentStyle.Plain,
        "runtime" => SampleAgentStyle.Runtime,
        _ => throw new ArgumentException($"The style '{value}' is not 'plain' or 'runtime'."),
    };

    private static Uri ParseToolUrl(string value) =>
        Uri.TryCreate(value.TrimEnd('/') + "/", UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new ArgumentException($"The tool URL '{value}' is not an absolute http or https URL.");
}
