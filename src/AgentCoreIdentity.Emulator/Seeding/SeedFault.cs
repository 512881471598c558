namespace AgentCoreIdentity.Emulator;

/// <summary>
/// A fault in a seed file, such as
/// <c>{ "operation": "GetResourceApiKey", "kind": "error", "status": 429, "errorType": "ThrottlingException", "times": 2 }</c>.
/// </summary>
/// <param name="Operation">Operation name, such as <c>GetResourceApiKey</c>.</param>
/// <param name="Kind">
/// <c>error</c> (needs <paramref name="Status"/> and <paramref name="ErrorType"/>), <c>malformedJson</c>,
/// <c>emptyBody</c>, <c>htmlBody</c> (each with an optional <paramref name="Status"/>, default 200),
/// <c>connectionReset</c>, or <c>delay</c> (needs <paramref name="DelayMilliseconds"/>).
/// </param>
/// <param name="Status">HTTP status of the response.</param>
/// <param name="ErrorType">Error code sent in <c>x-amzn-ErrorType</c>.</param>
/// <param name="Message">Message of an error body.</param>
/// <param name="Times">Number of requests the fault applies to; 1 when absent.</param>
/// <param name="DelayMilliseconds">Delay of a <c>delay</c> fault.</param>
/// <param name="RetryAfterSeconds">Value of a <c>Retry-After</c> header on an error.</param>
public sealed record SeedFault(
    string Operation,
    string Kind,
    int? Status = null,
    string? ErrorType = null,
    string? Message = null,
    int? Times = null,
    int? DelayMilliseconds = null,
    int? RetryAfterSeconds = null)
{
    /// <summary>Returns the fault this entry describes.</summary>
    /// <exception cref="InvalidDataException">The entry lacks a member its kind needs, or names an unknown kind.</exception>
    public EmulatorFault ToFault() => Kind switch
    {
        "error" => EmulatorFault.Error(
            Status ?? throw Missing("status"),
            ErrorType ?? throw Missing("errorType"),
            Message ?? "Injected fault",
            RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null),
        "malformedJson" => EmulatorFault.MalformedJson(Status ?? 200),
        "emptyBody" => EmulatorFault.EmptyBody(Status ?? 200),
        "htmlBody" => EmulatorFault.HtmlBody(Status ?? 200),
        "connectionReset" => EmulatorFault.ConnectionReset(),
        "delay" => EmulatorFault.Delayed(TimeSpan.FromMilliseconds(DelayMilliseconds ?? throw Missing("delayMilliseconds"))),
        _ => throw new InvalidDataException(
            $"The fault kind '{Kind}' for {Operation} is unknown; use error, malformedJson, emptyBody, htmlBody, connectionReset or delay."),
    };

    private InvalidDataException Missing(string member) =>
        new($"The '{Kind}' fault for {Operation} needs the member '{member}'.");
}
