using AgentCoreIdentity.SampleAgent.Health;
using AgentCoreIdentity.SampleAgent.Invocations;
using AgentCoreIdentity.SampleAgent.Jobs;
using AgentCoreIdentity.SampleAgent.OAuth2;
using AgentCoreIdentity.SampleAgent.Runtime;

namespace AgentCoreIdentity.SampleAgent;

/// <summary>
/// The sample agent: a plain ASP.NET Core minimal API with no SDK host class. <c>POST /invocations</c> builds the
/// request context from the headers and hands it to background work; <c>GET /ping</c> and <c>GET /jobs/{id}</c>
/// report health and job outcomes. The routes under <c>/oauth2</c> get OAuth2 tokens (see <see cref="OAuth2Routes"/>).
/// </summary>
public static class SampleAgentApp
{
    /// <summary>Builds the agent's web application in the style that <paramref name="settings"/> selects, listening on 127.0.0.1.</summary>
    /// <param name="settings">Port, provider name and tool URL.</param>
    /// <param name="configureIdentity">Sets AgentCore Identity options, such as the emulator endpoint.</param>
    /// <param name="configureLogging">Adds logging providers, such as the console; <c>null</c> logs nowhere.</param>
    public static WebApplication Build(
        SampleAgentSettings settings,
        Action<AgentCoreIdentityOptions>? configureIdentity,
        Action<ILoggingBuilder>? configureLogging)
    {
        if (settings.Style == SampleAgentStyle.Runtime)
        {
            return RuntimeStyleAgentApp.Build(settings, configureIdentity, configureLogging);
        }

        var builder = SampleAgentWebApplication.CreateBuilder(settings, configureIdentity, configureLogging);

        // The worker sets the API key header itself. IHttpClientFactory's Trace record of the request headers keeps raw
        // values in its structured state, so this client logs no requests. AddAgentCoreApiKey avoids that by adding the
        // header behind the factory's logging handlers.
        builder.Services.AddHttpClient(PullRequestWorker.ToolClientName).RemoveAllLoggers();
        builder.Services.AddSingleton<PingTracker>();
        builder.Services.AddSingleton<PullRequestWorker>();
        builder.Services.AddSingleton<WorkDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkDispatcher>());

        var app = builder.Build();
        SampleAgentWebApplication.UseErrorBodies(app);
        app.MapPost("/invocations", InvokeAsync);
        app.MapGet("/ping", (PingTracker ping) =>
        {
            var (status, time) = ping.Current;
            return Results.Json(new PingResponse(status, time));
        });
        SampleAgentWebApplication.MapJobs(app);
        app.MapOAuth2Routes();
        return app;
    }

    private static async Task<IResult> InvokeAsync(
        HttpRequest request,
        JobStore jobs,
        PingTracker ping,
        WorkDispatcher dispatcher,
        SampleAgentSettings settings,
        ILogger<ErrorBody> errors)
    {
        AgentCoreRequestContext context;
        try
        {
            context = AgentCoreRequestContext.FromHttpRequest(request);
        }
        catch (AgentCoreIdentityException ex)
        {
            return ErrorBody.From(ex).ToResult(StatusCodes.Status400BadRequest, errors, request.HttpContext);
        }

        var (payload, worker, error) = await InvocationBodyReader.ReadAsync(request, errors);
        if (payload is null)
        {
            return error!;
        }

        var jobId = Guid.NewGuid().ToString("N");
        jobs.Add(JobOutcome.Running(jobId, WorkerKinds.Name(worker), context, payload.Provider ?? settings.ApiKeyProviderName));
        ping.JobStarted();
        dispatcher.Dispatch(new WorkItem(jobId, context, payload, worker));

        return Results.Accepted($"/jobs/{jobId}", new InvocationAccepted(jobId, context.RequestId, context.SessionId, WorkerKinds.Name(worker)));
    }

    /// <summary>The <c>/ping</c> body; the field names are fixed by AgentCore Runtime.</summary>
    public sealed record PingResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status,
        [property: System.Text.Json.Serialization.JsonPropertyName("time_of_last_update")] long TimeOfLastUpdate);

    /// <summary>The 202 body of <c>POST /invocations</c>.</summary>
    public sealed record InvocationAccepted(string JobId, string RequestId, string? SessionId, string Worker);
}
