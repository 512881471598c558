using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AgentCoreIdentity.Emulator;

/// <summary>
/// A failure the emulator injects into an operation instead of, or before, its normal response: an error status,
/// a body that is not the documented JSON, a broken connection, or a delay. Faults apply only to requests whose
/// signature is valid, so every faulted attempt still proves that the client signed it.
/// </summary>
public sealed class EmulatorFault
{
    private const string HtmlPage = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";

    private EmulatorFault(EmulatorFaultKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    internal EmulatorFaultKind Kind { get; }

    internal string Description { get; }

    internal int StatusCode { get; private init; }

    internal string? ErrorType { get; private init; }

    internal string? ContentType { get; private init; }

    internal byte[] Body { get; private init; } = [];

    internal TimeSpan? RetryAfter { get; private init; }

    internal TimeSpan Delay { get; private init; }

    internal Task? Release { get; private init; }

    /// <summary>
    /// A rest-json error: <paramref name="statusCode"/>, <c>x-amzn-ErrorType: errorType</c> and a JSON body with
    /// <paramref name="message"/>, plus <c>Retry-After</c> in whole seconds when <paramref name="retryAfter"/> is set.
    /// </summary>
    public static EmulatorFault Error(int statusCode, string errorType, string message = "Injected fault", TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        return new EmulatorFault(EmulatorFaultKind.Response, $"HTTP {statusCode} {errorType}")
        {
            StatusCode = statusCode,
            ErrorType = errorType,
            ContentType = "application/json",
            Body = Encoding.UTF8.GetBytes(new JsonObject { ["message"] = message }.ToJsonString()),
            RetryAfter = retryAfter,
        };
    }

    /// <summary>A response with any status, content type and body, and no <c>x-amzn-ErrorType</c> header.</summary>
    public static EmulatorFault Response(int statusCode, string? contentType, string body, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new EmulatorFault(EmulatorFaultKind.Response, description ?? $"HTTP {statusCode} {contentType ?? "no content type"} body")
        {
            StatusCode = statusCode,
            ContentType = contentType,
            Body = Encoding.UTF8.GetBytes(body),
        };
    }

    /// <summary>A JSON content type with a body cut off in the middle of an object.</summary>
    public static EmulatorFault MalformedJson(int statusCode = 200) =>
        Response(statusCode, "application/json", "{\"apiKey\":\"trunc", $"HTTP {statusCode} malformed JSON");

    /// <summary>A JSON content type with no body at all.</summary>
    public static EmulatorFault EmptyBody(int statusCode = 200) =>
        Response(statusCode, "application/json", string.Empty, $"HTTP {statusCode} empty body");

    /// <summary>An HTML page, as a proxy or load balancer sends.</summary>
    public static EmulatorFault HtmlBody(int statusCode = 200) =>
        Response(statusCode, "text/html", HtmlPage, $"HTTP {statusCode} HTML body");

    /// <summary>Reads the request, then aborts the connection without sending a response.</summary>
    public static EmulatorFault ConnectionReset() => new(EmulatorFaultKind.ConnectionReset, "connection reset");

    /// <summary>Runs the operation, then waits <paramref name="delay"/> on the emulator's clock before responding.</summary>
    public static EmulatorFault Delayed(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new EmulatorFault(EmulatorFaultKind.Delay, $"delay of {delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms") { Delay = delay };
    }

    /// <summary>
    /// Runs the operation, then delays the response until <paramref name="release"/> completes or the client
    /// disconnects, so that a test decides when (or whether) the response arrives.
    /// </summary>
    public static EmulatorFault WaitFor(Task release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return new EmulatorFault(EmulatorFaultKind.Delay, "held response") { Release = release };
    }

    /// <summary>Describes the fault without its body.</summary>
    public override string ToString() => Description;
}
