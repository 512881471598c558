using System.Net;
using AgentCoreIdentity.SampleAgent.Jobs;

namespace AgentCoreIdentity.SampleAgent;

/// <summary>
/// The host set-up that both styles of the sample agent share: Kestrel on 127.0.0.1, the settings and the job store
/// as services, AgentCore Identity, the caller's logging, and <c>GET /jobs/{jobId}</c>.
/// </summary>
internal static class SampleAgentWebApplication
{
    /// <summary>Creates the builder that each style adds its own services to.</summary>
    /// <param name="settings">Port, provider names and tool URL.</param>
    /// <param name="configureIdentity">Sets AgentCore Identity options, such as the emulator endpoint.</param>
    /// <param name="configureLogging">Adds logging providers; <c>null</c> logs nowhere.</param>
    public static WebApplicationBuilder CreateBuilder(
        SampleAgentSettings settings,
        Action<AgentCoreIdentityOptions>? configureIdentity,
        Action<ILoggingBuilder>? configureLogging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SampleAgentWebApplication).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddAgentCoreIdentity(configureIdentity);
        return builder;
    }

    /// <summary>Maps <c>GET /jobs/{jobId}</c>, which returns a job's outcome and waits up to <c>waitSeconds</c> (at most 120) for it to end.</summary>
    public static void MapJobs(WebApplication app) => app.MapGet("/jobs/{jobId}", GetJobAsync);

    private static async Task<IResult> GetJobAsync(string jobId, int? waitSeconds, JobStore jobs, HttpContext http)
    {
        var wait = TimeSpan.FromSeconds(Math.Clamp(waitSeconds ?? 0, 0, 120));
        var outcome = await jobs.GetAsync(jobId, wait, http.RequestAborted);
        return outcome is null ? Results.NotFound(new { error = "NotFound", message = $"No job '{jobId}'." }) : Results.Json(outcome);
    }
}
