using System.Globalization;
using AgentCoreIdentity.SampleAgent.Demo;
using Microsoft.AspNetCore.Connections;

namespace AgentCoreIdentity.SampleAgent;

/// <summary>
/// Entry point. <c>demo</c> runs the whole flow on loopback; without it the agent serves on 127.0.0.1:8080 as it
/// would in an AgentCore Runtime container.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Usage:
          AgentCoreIdentity.SampleAgent demo [api-key|m2m|user-federation]
              Start the Identity emulator, this agent and a tool API on loopback and run the credential flows end to
              end: an API key for a background worker, an M2M OAuth2 token, and an OAuth2 token that needs the
              user's consent. Without a flow name, all three run in that order.
          AgentCoreIdentity.SampleAgent [--style plain|runtime] [--port N] [--provider NAME] [--tool-url URL]
              Serve POST /invocations, GET /ping, GET /jobs/{id} and the /oauth2 routes on 127.0.0.1 (default port 8080).
              --style plain (the default) maps the routes in a plain minimal API; --style runtime uses the
              library's MapAgentCoreRuntime, background work tracker and API-key handler, without the /oauth2 routes.
              Identity settings come from the AWS default chains and BEDROCK_AGENTCORE_DP_ENDPOINT.
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length is 1 or 2 && args[0] == "demo")
        {
            if (!TryParseScenario(args.Length == 2 ? args[1] : null, out var scenario))
            {
                await Console.Error.WriteLineAsync($"Unknown demo '{args[1]}'.");
                await Console.Error.WriteLineAsync(Usage);
                return 2;
            }

            return await new DemoCommand(Console.Out, scenario).RunAsync();
        }

        SampleAgentSettings settings;
        try
        {
            settings = ParseSettings(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        await using var app = SampleAgentApp.Build(settings, configureIdentity: null, ConfigureConsoleLogging);
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            await Console.Error.WriteLineAsync(
                $"The sample agent could not listen on 127.0.0.1:{settings.Port} because that address is already in use. Choose another port with --port.");
            return 2;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"The sample agent could not listen on 127.0.0.1:{settings.Port}: {ex.Message} Choose another port with --port.");
            return 2;
        }

        await app.WaitForShutdownAsync();
        return 0;
    }

    private static void ConfigureConsoleLogging(ILoggingBuilder logging)
    {
        logging.AddSimpleConsole(console => console.SingleLine = true);

        // Main reports a failed start, such as a busy port, in one line. Without this filter the host would log it again
        // with a stack trace. A failing background service still shows, because with the default StopHost behaviour
        // the host also logs it at Critical.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }

    private static bool TryParseScenario(string? name, out DemoScenario scenario)
    {
        scenario = name switch
        {
            null => DemoScenario.All,
            "api-key" => DemoScenario.ApiKey,
            "m2m" => DemoScenario.M2M,
            "user-federation" => DemoScenario.UserFederation,
            _ => (DemoScenario)(-1),
        };
        return Enum.IsDefined(scenario);
    }

    private static SampleAgentSettings ParseSettings(string[] args)
    {
        var settings = new SampleAgentSettings();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"The option '{args[i]}' needs a value.");
            settings = args[i] switch
            {
                "--port" => settings with
                {
                    Port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
                        ? port
                        : throw new ArgumentException($"The port '{value}' is not a number from 0 to 65535."),
                },
                "--provider" => settings with { ApiKeyProviderName = value },
                "--style" => settings with
                {
                    Style = value switch
                    {
                        "plain" => SampleAgentStyle.Plain,
                        "runtime" => SampleAgentStyle.Runtime,
                        _ => throw new ArgumentException($"The style '{value}' is not 'plain' or 'runtime'."),
                    },
                },
                "--tool-url" => settings with
                {
                    ToolBaseUrl = Uri.TryCreate(value.TrimEnd('/') + "/", UriKind.Absolute, out var url)
                        ? url
                        : throw new ArgumentException($"The tool URL '{value}' is not an absolute URL."),
                },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return settings;
    }
}
