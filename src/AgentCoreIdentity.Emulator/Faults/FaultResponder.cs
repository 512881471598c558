using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Emulator;

/// <summary>Carries out an <see cref="EmulatorFault"/> on a response.</summary>
internal static class FaultResponder
{
    /// <summary>Whether the fault replaces the operation, so the operation must not run.</summary>
    public static bool ReplacesOperation(EmulatorFault fault) => fault.Kind != EmulatorFaultKind.Delay;

    /// <summary>
    /// Waits for a delay fault. Returns <c>false</c> when the client disconnected first, so nothing is to be written.
    /// </summary>
    public static async Task<bool> WaitAsync(EmulatorFault fault, TimeProvider time, CancellationToken requestAborted)
    {
        try
        {
            if (fault.Release is not null)
            {
                await fault.Release.WaitAsync(requestAborted);
            }
            else
            {
                await Task.Delay(fault.Delay, time, requestAborted);
            }

            return true;
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Writes a scripted response, or aborts the connection.</summary>
    public static async Task WriteAsync(HttpContext http, EmulatorFault fault)
    {
        if (fault.Kind == EmulatorFaultKind.ConnectionReset)
        {
            http.Abort();
            return;
        }

        var response = http.Response;
        response.StatusCode = fault.StatusCode;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (fault.ContentType is not null)
        {
            response.ContentType = fault.ContentType;
        }

        if (fault.ErrorType is not null)
        {
            response.Headers["x-amzn-ErrorType"] = fault.ErrorType;
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        response.ContentLength = fault.Body.Length;
        await response.Body.WriteAsync(fault.Body);
    }
}
