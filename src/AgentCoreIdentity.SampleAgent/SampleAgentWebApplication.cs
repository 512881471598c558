using System.Globalization;
using System.Net;
using AgentCoreIdentity.SampleAgent.Jobs;

namespace AgentCoreIdentity.SampleAgent;

/// <summary>
/// The host set-up that both styles of the sample agent share: Kestrel on 127.0.0.1, the settings and the job store
/// as services, AgentCore Identity, the caller's logging, and <c>GET /jobs/{jobId}</c>.
/// </summary>
internal static class SampleAgentWebApplication
{
    private const int MaxWaitSeconds = 120;

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

    /// <summary>
    /// Responds to an exception that no handler caught with a 500 <see cref="ErrorBody"/> instead of an empty body. The
    /// exception middleware logs the exception itself; the body gives only the trace identifier, because an
    /// exception's message may contain anything.
    /// </summary>
    public static void UseErrorBodies(WebApplication app) => app.UseExceptionHandler(errors => errors.Run(http =>
    {
        var message = $"The agent failed unexpectedly. Its log has the details under trace identifier {http.TraceIdentifier}.";
        return new ErrorBody("InternalError", message).ToResult(StatusCodes.Status500InternalServerError).ExecuteAsync(http);
    }));

    /// <summary>Maps <c>GET /jobs/{jobId}</c>, which returns a job's outcome and waits up to <c>waitSeconds</c> (0 to 120) for it to end.</summary>
    public static void MapJobs(WebApplication app) => app.MapGet("/jobs/{jobId}", GetJobAsync);

    private static async Task<IResult> GetJobAsync(string jobId, string? waitSeconds, JobStore jobs, HttpContext http, ILogger<ErrorBody> errors)
    {
        var seconds = 0;
        if (waitSeconds is not null
            && (!int.TryParse(waitSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds > MaxWaitSeconds))
        {
            return new ErrorBody("InvalidWaitSeconds", $"The query parameter waitSeconds must be a whole number of seconds from 0 to {MaxWaitSeconds}.")
                .ToResult(StatusCodes.Status400BadRequest, errors, http);
        }

        var outcome = await jobs.GetAsync(jobId, TimeSpan.FromSeconds(seconds), http.RequestAborted);
        return outcome is null ? new ErrorBody("NotFound", $"No job '{jobId}'.").ToResult(StatusCodes.Status404NotFound, errors, http) : Results.Json(outcome);
    }
}
