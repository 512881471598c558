using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity;

/// <summary>
/// Rejection of an invocation because of the caller's mistake. A <c>MapAgentCoreRuntime</c> handler throws it to
/// respond to <c>POST /invocations</c> with a 4xx status and the body
/// <c>{"error":CODE,"message":TEXT,"requestId":ID}</c>, for example when the payload names an unknown repository or a
/// value is out of range.
/// </summary>
/// <remarks>
/// <para>
/// The error code and the message are sent to the caller as written, so they must not contain a token, key or other
/// secret. Write the message for the caller, naming the field and the rule, and leave out values that the caller
/// should not see. The SDK logs the request id, status and error code of a rejection (event 3023 or 3024), never its
/// message.
/// </para>
/// <para>
/// Throw it only for mistakes that the caller can fix. A failure of the agent itself, such as a bug or a downstream API
/// that is down, belongs in any other exception. <c>MapAgentCoreRuntime</c> logs that exception with its text and
/// responds with 500 and a body without the text.
/// </para>
/// <para>
/// A streaming handler that throws it before its first item gets the same status and body. After the first item the
/// status line has been sent, so the status cannot change. An event stream then ends with an <c>error</c> event that
/// carries the code and message, and a JSON array response is aborted, as for any other failure.
/// </para>
/// <para>
/// It derives from ASP.NET Core's <see cref="BadHttpRequestException"/>, the framework's exception for a request that
/// the server rejects with a 4xx status, and sets its <see cref="BadHttpRequestException.StatusCode"/>. Code that
/// handles that type handles this one alike. Kestrel and the developer exception page, for example, respond to an
/// unhandled <see cref="BadHttpRequestException"/> with its status code, so a handler shared with a plain minimal API
/// keeps its status there. <c>UseExceptionHandler</c> is an exception: it responds with 500 unless its
/// <c>StatusCodeSelector</c> maps the type. <c>MapAgentCoreRuntime</c> sends the message of this type only. Any other
/// <see cref="BadHttpRequestException"/> from a handler gets 500 like other exceptions, because its text was not
/// written for the caller. The type does not derive from <see cref="AgentCoreIdentityException"/>, whose codes are
/// the SDK's own.
/// </para>
/// </remarks>
public class AgentCoreInvocationRejectedException : BadHttpRequestException
{
    private const int MaxErrorCodeLength = 64;

    private const string ErrorCodeRule =
        "An error code is 1 to 64 characters: ASCII letters, digits, '.', '-' and '_', starting with a letter, such as 'InvalidRepository'.";

    private static readonly SearchValues<char> ErrorCodeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");

    /// <summary>Creates a rejection with a client error status, a short error code and a message for the caller.</summary>
    /// <param name="statusCode">HTTP status of the response, from 400 to 499, for example 400 or 422.</param>
    /// <param name="errorCode">
    /// Stable code that clients can branch on, such as <c>InvalidRepository</c>: 1 to 64 ASCII letters, digits, '.', '-'
    /// and '_', starting with a letter. It is sent to the caller as written.
    /// </param>
    /// <param name="message">What is wrong with the request and how to fix it. It is sent to the caller as written, so it must not contain a secret.</param>
    /// <param name="innerException">The error that revealed the mistake, if any. It is neither sent nor logged by <c>MapAgentCoreRuntime</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not from 400 to 499.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="errorCode"/> or <paramref name="message"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException"><paramref name="errorCode"/> breaks its rule, or <paramref name="message"/> is empty or white space.</exception>
    public AgentCoreInvocationRejectedException(int statusCode, string errorCode, string message, Exception? innerException = null)
        // The base constructor's parameter is not annotated as nullable, but it only passes the value on to Exception,
        // which accepts null.
        : base(CheckMessage(message), CheckStatusCode(statusCode), innerException!)
    {
        CheckErrorCode(errorCode);
        ErrorCode = errorCode;
    }

    /// <summary>Stable error code, sent as the <c>error</c> member of the response body.</summary>
    public string ErrorCode { get; }

    private static string CheckMessage(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return message;
    }

    private static int CheckStatusCode(int statusCode)
    {
        if (statusCode is < StatusCodes.Status400BadRequest or > 499)
        {
            throw new ArgumentOutOfRangeException(
                nameof(statusCode),
                statusCode,
                "The status code of a rejected invocation must be a client error from 400 to 499. For a failure of the agent "
                + "itself, throw any other exception, and MapAgentCoreRuntime responds with 500.");
        }

        return statusCode;
    }

    private static void CheckErrorCode(string errorCode)
    {
        ArgumentNullException.ThrowIfNull(errorCode);
        if (errorCode.Length is 0 or > MaxErrorCodeLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The error code is {errorCode.Length} characters long. {ErrorCodeRule}"),
                nameof(errorCode));
        }

        if (!char.IsAsciiLetter(errorCode[0]))
        {
            throw new ArgumentException($"The error code starts with {Describe(errorCode[0])}. {ErrorCodeRule}", nameof(errorCode));
        }

        var bad = errorCode.AsSpan().IndexOfAnyExcept(ErrorCodeCharacters);
        if (bad >= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The error code has {Describe(errorCode[bad])} at position {bad}. {ErrorCodeRule}"),
                nameof(errorCode));
        }
    }

    // Names a character without printing a control character into the message.
    private static string Describe(char c) =>
        c is >= ' ' and <= '~'
            ? $"the character '{c}'"
            : string.Create(CultureInfo.InvariantCulture, $"the character U+{(int)c:X4}");
}
