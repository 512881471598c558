using AgentCoreIdentity.Emulator;

namespace AgentCoreIdentity.IntegrationTests.Faults;

/// <summary>
/// One row of the fault matrix: a fault, how many requests it hits, and what the call must end in. With the
/// matrix's three attempts, a fault that hits fewer requests ends in a retried success.
/// </summary>
/// <param name="Name">Row name used in test names.</param>
/// <param name="Fault">Creates the fault; delay faults get a task that the test completes when it ends.</param>
/// <param name="Times">Number of requests the fault hits; <see cref="int.MaxValue"/> for all.</param>
/// <param name="HangsUntilTimeout">Whether faulted attempts end only when the attempt timeout fires.</param>
/// <param name="ExpectedError">Exception type the call must end in, or <c>null</c> for success.</param>
/// <param name="ExpectedCode">Stable error code of that exception.</param>
/// <param name="ExpectedRequests">Requests the emulator must receive, which is also the number of attempts.</param>
/// <param name="ExpectedStatus">HTTP status the exception must carry, or <c>null</c> for none.</param>
public sealed record FaultCase(
    string Name,
    Func<Task, EmulatorFault> Fault,
    int Times,
    bool HangsUntilTimeout,
    Type? ExpectedError,
    string? ExpectedCode,
    int ExpectedRequests,
    int? ExpectedStatus)
{
    private const int Always = int.MaxValue;

    public static IReadOnlyList<FaultCase> All { get; } =
    [
        Success("429 twice", _ => EmulatorFault.Error(429, "ThrottlingException", "Rate exceeded"), times: 2),
        Failure("429 always", _ => EmulatorFault.Error(429, "ThrottlingException", "Rate exceeded"), typeof(IdentityThrottledException), AgentCoreIdentityErrorCodes.Throttled, status: 429),
        Success("500 twice", _ => EmulatorFault.Error(500, "InternalServerException", "Internal failure"), times: 2),
        Failure("500 always", _ => EmulatorFault.Error(500, "InternalServerException", "Internal failure"), typeof(IdentityServiceUnavailableException), AgentCoreIdentityErrorCodes.ServiceUnavailable, status: 500),
        Success("503 once", _ => EmulatorFault.Error(503, "ServiceUnavailableException", "Try again"), times: 1),
        Failure("503 always", _ => EmulatorFault.Error(503, "ServiceUnavailableException", "Try again"), typeof(IdentityServiceUnavailableException), AgentCoreIdentityErrorCodes.ServiceUnavailable, status: 503),
        Success("connection reset twice", _ => EmulatorFault.ConnectionReset(), times: 2),
        Failure("connection reset always", _ => EmulatorFault.ConnectionReset(), typeof(IdentityServiceUnavailableException), AgentCoreIdentityErrorCodes.ServiceUnavailable, status: null),
        new("timeout once", EmulatorFault.WaitFor, 1, HangsUntilTimeout: true, null, null, ExpectedRequests: 2, null),
        new("timeout always", EmulatorFault.WaitFor, Always, HangsUntilTimeout: true, typeof(IdentityTimeoutException), AgentCoreIdentityErrorCodes.Timeout, ExpectedRequests: 3, null),
        Final("malformed JSON", _ => EmulatorFault.MalformedJson()),
        Final("empty body", _ => EmulatorFault.EmptyBody()),
        Final("HTML body", _ => EmulatorFault.HtmlBody()),
        Success("HTML 502 twice", _ => EmulatorFault.HtmlBody(502), times: 2),
    ];

    public override string ToString() => Name;

    private static FaultCase Success(string name, Func<Task, EmulatorFault> fault, int times) =>
        new(name, fault, times, HangsUntilTimeout: false, null, null, ExpectedRequests: times + 1, null);

    private static FaultCase Failure(string name, Func<Task, EmulatorFault> fault, Type error, string code, int? status) =>
        new(name, fault, Always, HangsUntilTimeout: false, error, code, ExpectedRequests: 3, status);

    /// <summary>
    /// A 200 response whose body is not JSON ends at once in a typed error. It is not retried, because the status
    /// reports success, so another attempt is not expected to help.
    /// </summary>
    private static FaultCase Final(string name, Func<Task, EmulatorFault> fault) =>
        new(name, fault, 1, HangsUntilTimeout: false, typeof(UnexpectedIdentityResponseException), AgentCoreIdentityErrorCodes.UnexpectedResponse, ExpectedRequests: 1, 200);
}
