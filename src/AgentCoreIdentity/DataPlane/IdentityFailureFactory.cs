using System.Globalization;

namespace AgentCoreIdentity.DataPlane;

/// <summary>
/// Creates the typed exceptions for calls that got no usable service error: transport failures, timeouts, and
/// success responses whose body is not the documented JSON.
/// </summary>
internal static class IdentityFailureFactory
{
    /// <summary>The endpoint could not be reached, or the connection broke, on every attempt.</summary>
    public static IdentityServiceUnavailableException Transport(
        IdentityRequest request,
        IdentityServiceTarget target,
        int attempts,
        HttpRequestException exception)
    {
        var message = $"{IdentityErrorFactory.Describe(request, target.Region)} could not reach {Authority(target)} "
            + $"{IdentityErrorFactory.AfterAttempts(attempts)} ({exception.HttpRequestError}). Check network access to the endpoint "
            + "and the endpoint setting; the error is usually temporary.";
        return Decorate(new IdentityServiceUnavailableException(message, exception), request, target, attempts);
    }

    /// <summary>The call ran out of time: the last attempt hit the attempt timeout, or the whole call hit the total timeout.</summary>
    public static IdentityTimeoutException Timeout(
        IdentityRequest request,
        IdentityServiceTarget target,
        int attempts,
        IdentityTimeoutKind kind,
        TimeSpan timeout,
        Exception exception)
    {
        var budget = kind == IdentityTimeoutKind.Total
            ? $"exceeded its total timeout of {Seconds(timeout)} (AgentCoreIdentityOptions.Retry.TotalTimeout)"
            : $"timed out: each attempt ran past the attempt timeout of {Seconds(timeout)} (AgentCoreIdentityOptions.Retry.AttemptTimeout)";
        var message = $"{IdentityErrorFactory.Describe(request, target.Region)} {budget} {IdentityErrorFactory.AfterAttempts(attempts)}, "
            + $"calling {Authority(target)}. Check network access to the endpoint; raise the timeout if the calls are slow "
            + "but succeed.";
        return Decorate(new IdentityTimeoutException(message, kind, timeout, exception), request, target, attempts);
    }

    /// <summary>A 2xx response whose body is not a JSON object.</summary>
    public static UnexpectedIdentityResponseException UnexpectedBody(
        IdentityRequest request,
        IdentityServiceTarget target,
        int attempts,
        HttpResponseMessage response,
        ResponseBodyKind kind,
        int length)
    {
        var requestId = RequestIdOf(response);
        var body = ResponseBodies.Describe(kind, response.Content.Headers.ContentType?.MediaType, length);
        var message = $"{IdentityErrorFactory.Describe(request, target.Region)} returned HTTP {(int)response.StatusCode} with {body} "
            + $"instead of a JSON object (request id {requestId ?? "none"}). A proxy or load balancer may have answered instead "
            + "of AgentCore Identity; check the endpoint.";
        var exception = Decorate(new UnexpectedIdentityResponseException(message), request, target, attempts);
        exception.StatusCode = (int)response.StatusCode;
        exception.RequestId = requestId;
        return exception;
    }

    /// <summary>A JSON success response without a member that must not be empty.</summary>
    public static UnexpectedIdentityResponseException MissingMember(
        IdentityRequest request,
        IdentityServiceTarget target,
        int attempts,
        string member,
        string? requestId)
    {
        var message = $"{IdentityErrorFactory.Describe(request, target.Region)} returned a response without '{member}' "
            + $"(request id {requestId ?? "none"}). The SDK never returns an empty value; retry the call, and report the "
            + "request id to AWS if it persists.";
        var exception = Decorate(new UnexpectedIdentityResponseException(message), request, target, attempts);
        exception.StatusCode = 200;
        exception.RequestId = requestId;
        return exception;
    }

    /// <summary>Returns the AWS request id of a response, from <c>x-amzn-RequestId</c>.</summary>
    public static string? RequestIdOf(HttpResponseMessage response)
    {
        // The non-validated view reads the received value without parsing it or allocating an enumerable.
        if (response.Headers.NonValidated.TryGetValues("x-amzn-RequestId", out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }

    private static T Decorate<T>(T exception, IdentityRequest request, IdentityServiceTarget target, int attempts)
        where T : IdentityServiceException
    {
        exception.Operation = request.Operation.Name;
        exception.ProviderName = request.ProviderName;
        exception.Region = target.Region;
        exception.Attempts = attempts;
        return exception;
    }

    private static string Authority(IdentityServiceTarget target) => target.BaseAddress.GetLeftPart(UriPartial.Authority);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
