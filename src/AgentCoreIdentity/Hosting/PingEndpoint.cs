using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity;

/// <summary>
/// <c>GET /ping</c>: <c>{"status":"Healthy"|"HealthyBusy","time_of_last_update":SECONDS}</c>, the body AgentCore Runtime
/// reads, with the timestamp as an integer of Unix seconds.
/// </summary>
internal sealed class PingEndpoint(AgentCorePingService ping)
{
    public async Task HandleAsync(HttpContext http)
    {
        var snapshot = await ping.GetStatusAsync(http.RequestAborted).ConfigureAwait(false);

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.Body.WriteAsync(Serialize(snapshot), http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Returns the ping body for a snapshot.</summary>
    public static byte[] Serialize(AgentCorePingSnapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", snapshot.Status == AgentCorePingStatus.HealthyBusy ? "HealthyBusy" : "Healthy");
            writer.WriteNumber("time_of_last_update", snapshot.TimeOfLastUpdate);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
