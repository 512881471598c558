using System.Net;
using AgentCoreIdentity.SampleAgent.Jobs;

namespace AgentCoreIdentity.SampleAgent.Runtime;

/// <summary>
/// The sample agent built on the library's optional hosting helpers: <c>MapAgentCoreRuntime</c> maps
/// <c>POST /invocations</c> and <c>GET /ping</c> and passes the context to the handler, <see cref="BackgroundWorkTracker"/>
/// keeps <c>/ping</c> busy while jobs run, and <see cref="ApiKeyHandler"/> attaches the API key to tool calls.
/// </summary>
public static class RuntimeStyleAgentApp
{
    /// <summary>Builds the agent's web application, listening on 127.0.0.1.</summary>
    /// <param name="settings">Port, provider name and tool URL.</param>
    /// <param name="configureIdentity">Sets AgentCore Identity options, such as the emulator endpoint.</param>
    /// <param name="consoleLogging">Whether to log to the console.</param>
    public static WebApplication Build(SampleAgentSettings settings, Action<AgentCoreIdentityOptions>? configureIdentity, bool consoleLogging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(RuntimeStyleAgentApp).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        if (consoleLogging)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));

        builder.Services.AddSingleton(settings);
        builder.Services.AddAgentCoreIdentity(configureIdentity);
        builder.Services.AddAgentCoreRuntime();
        builder.Services.AddHttpClient(ToolClient.HttpClientName).AddAgentCoreApiKey(settings.ApiKeyProviderName, "X-Api-Key");
        builder.Services.AddSingleton<ToolClient>();
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<RuntimeInvocationHandler>();

        var app = builder.Build();
        var handler = app.Services.GetRequiredService<RuntimeInvocationHandler>();
        app.MapAgentCoreRuntime(
            handler.InvokeAsync,
            RuntimeSampleJsonContext.Default.RuntimeInvocationRequest,
            RuntimeSampleJsonContext.Default.RuntimeInvocationResponse);
        app.MapGet("/jobs/{jobId}", GetJobAsync);
        return app;
    }

    private static async Task<IResult> GetJobAsync(string jobId, int? waitSeconds, JobStore jobs, HttpContext http)
    {
        var wait = TimeSpan.FromSeconds(Math.Clamp(waitSeconds ?? 0, 0, 120));
        var outcome = await jobs.GetAsync(jobId, wait, http.RequestAborted);
        return outcome is null ? Results.NotFound(new { error = "NotFound", message = $"No job '{jobId}'." }) : Results.Json(outcome);
    }
}
