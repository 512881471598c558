namespace AgentCoreIdentity.Emulator.Signing;

/// <summary>Outcome of checking one request's SigV4 signature.</summary>
/// <param name="AccessKey">The access key that signed the request; <c>null</c> when the check failed.</param>
/// <param name="ErrorCode">AWS error code of the failure; <c>null</c> when the signature is valid.</param>
/// <param name="Message">AWS error message of the failure.</param>
/// <param name="StatusCode">HTTP status of the failure.</param>
internal sealed record SignatureCheck(EmulatorAccessKey? AccessKey, string? ErrorCode, string? Message, int StatusCode)
{
    public bool IsValid => AccessKey is not null;

    public static SignatureCheck Valid(EmulatorAccessKey key) => new(key, null, null, 200);

    public static SignatureCheck Fail(string errorCode, string message, int statusCode = 403) => new(null, errorCode, message, statusCode);
}
