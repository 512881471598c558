namespace AgentCoreIdentity.SampleAgent.Runtime;

/// <summary>
/// The sample agent built on the library's optional hosting helpers: <c>MapAgentCoreRuntime</c> maps
/// <c>POST /invocations</c> and <c>GET /ping</c> and passes the context to the handler, <see cref="BackgroundWorkTracker"/>
/// keeps <c>/ping</c> busy while jobs run, and <see cref="ApiKeyHandler"/> attaches the API key to tool calls.
/// The handler rejects an invalid <c>repository</c> with <see cref="AgentCoreInvocationRejectedException"/>.
/// </summary>
public static class RuntimeStyleAgentApp
{
    /// <summary>Builds the agent's web application, listening on 127.0.0.1.</summary>
    /// <param name="settings">Port, provider name and tool URL.</param>
    /// <param name="configureIdentity">Sets AgentCore Identity options, such as the emulator endpoint.</param>
    /// <param name="configureLogging">Adds logging providers, such as the console; <c>null</c> logs nowhere.</param>
    public static WebApplication Build(
        SampleAgentSettings settings,
        Action<AgentCoreIdentityOptions>? configureIdentity,
        Action<ILoggingBuilder>? configureLogging)
    {
        var builder = SampleAgentWebApplication.CreateBuilder(settings, configureIdentity, configureLogging);
        builder.Services.AddAgentCoreRuntime();
        builder.Services.AddHttpClient(ToolClient.HttpClientName).AddAgentCoreApiKey(settings.ApiKeyProviderName, "X-Api-Key");
        builder.Services.AddSingleton<ToolClient>();
        builder.Services.AddSingleton<RuntimeInvocationHandler>();

        var app = builder.Build();
        SampleAgentWebApplication.UseErrorBodies(app);
        var handler = app.Services.GetRequiredService<RuntimeInvocationHandler>();
        app.MapAgentCoreRuntime(
            handler.InvokeAsync,
            RuntimeSampleJsonContext.Default.RuntimeInvocationRequest,
            RuntimeSampleJsonContext.Default.RuntimeInvocationResponse);
        SampleAgentWebApplication.MapJobs(app);
        return app;
    }
}
