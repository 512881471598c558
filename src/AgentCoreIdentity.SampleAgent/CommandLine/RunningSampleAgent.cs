using AgentCoreIdentity.SampleAgent.Tool;

namespace AgentCoreIdentity.SampleAgent.CommandLine;

/// <summary>
/// What the serve command runs: the agent and, with <c>--tool-key</c>, the built-in tool API on a free loopback port,
/// which the agent then calls as its tool.
/// </summary>
internal sealed class RunningSampleAgent : IAsyncDisposable
{
    private RunningSampleAgent(SampleAgentHost agent, ToolServer? tool)
    {
        Agent = agent;
        Tool = tool;
    }

    public SampleAgentHost Agent { get; }

    /// <summary>The in-process tool API; <c>null</c> without <c>--tool-key</c>.</summary>
    public ToolServer? Tool { get; }

    /// <summary>Starts the tool API, if one was asked for, then the agent.</summary>
    /// <param name="arguments">The parsed command line.</param>
    /// <param name="configureIdentity">Sets AgentCore Identity options; <c>null</c> uses the AWS default chains and environment.</param>
    /// <param name="configureLogging">Adds logging providers; <c>null</c> logs nowhere.</param>
    /// <exception cref="IOException">The agent's port is in use or cannot be bound.</exception>
    public static async Task<RunningSampleAgent> StartAsync(
        SampleAgentArguments arguments,
        Action<AgentCoreIdentityOptions>? configureIdentity,
        Action<ILoggingBuilder>? configureLogging)
    {
        var tool = arguments.ToolApiKey is { } key ? await ToolServer.StartAsync(key) : null;
        try
        {
            var settings = tool is null ? arguments.Settings : arguments.Settings with { ToolBaseUrl = tool.Endpoint };
            var agent = await SampleAgentHost.StartAsync(settings, configureIdentity, configureLogging);
            return new RunningSampleAgent(agent, tool);
        }
        catch
        {
            if (tool is not null)
            {
                await tool.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        if (Tool is not null)
        {
            await Tool.DisposeAsync();
        }
    }
}
