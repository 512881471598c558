using AgentCoreIdentity.SampleAgent.CommandLine;
using AgentCoreIdentity.SampleAgent.Demo;
using Microsoft.AspNetCore.Connections;

namespace AgentCoreIdentity.SampleAgent;

/// <summary>
/// Entry point. <c>demo</c> runs the whole flow on loopback; without it the agent serves on 127.0.0.1:8080 as it
/// would in an AgentCore Runtime container.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length is 1 or 2 && args[0] == "demo")
        {
            if (!TryParseScenario(args.Length == 2 ? args[1] : null, out var scenario))
            {
                await Console.Error.WriteLineAsync($"Unknown demo '{args[1]}'.");
                await Console.Error.WriteLineAsync(SampleAgentArguments.Usage);
                return 2;
            }

            return await new DemoCommand(Console.Out, scenario).RunAsync();
        }

        SampleAgentArguments arguments;
        try
        {
            arguments = SampleAgentArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(SampleAgentArguments.Usage);
            return 2;
        }

        if (arguments.ShowHelp)
        {
            await Console.Out.WriteLineAsync(SampleAgentArguments.Usage);
            return 0;
        }

        var port = arguments.Settings.Port;
        RunningSampleAgent running;
        try
        {
            running = await RunningSampleAgent.StartAsync(arguments, configureIdentity: null, ConfigureConsoleLogging);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            await Console.Error.WriteLineAsync(
                $"The sample agent could not listen on 127.0.0.1:{port} because that address is already in use. Choose another port with --port.");
            return 2;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"The sample agent could not listen on 127.0.0.1:{port}: {ex.Message} Choose another port with --port.");
            return 2;
        }

        await using (running)
        {
            if (running.Tool is not null)
            {
                await Console.Out.WriteLineAsync($"The built-in tool API listens on {running.Tool.Endpoint} and accepts only the key given with {arguments.ToolApiKeySource}.");
            }

            await running.Agent.WaitForShutdownAsync();
        }

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
}
