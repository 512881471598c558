using System.Net;

namespace AgentCoreIdentity;

/// <summary>Checks shared by the outbound credential handlers, run before a credential is fetched or attached.</summary>
internal static class OutboundRequests
{
    /// <summary>Returns the request's context, or throws <see cref="MissingRequestContextException"/>.</summary>
    public static AgentCoreRequestContext RequireContext(HttpRequestMessage request, string handlerName, string credential)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetAgentCoreContext() ?? throw new MissingRequestContextException(handlerName, credential, DescribeTarget(request));
    }

    /// <summary>
    /// Throws unless the request goes over https or to a loopback host, because a credential sent over plain http
    /// can be read and reused by anyone on the network path.
    /// </summary>
    public static void RequireSecureTransport(HttpRequestMessage request, string handlerName, string credential)
    {
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException(
                $"{handlerName} received a request without an absolute URI. Set HttpClient.BaseAddress or use an absolute request URI.");
        }

        if (uri.Scheme == Uri.UriSchemeHttps || IsLoopback(uri))
        {
            return;
        }

        throw new AgentCoreIdentityException(
            AgentCoreIdentityErrorCodes.Configuration,
            $"The outbound request {DescribeTarget(request)} was not sent: {handlerName} attaches {credential}, which must "
            + "not travel unencrypted. Use an https URL; plain http is accepted only for loopback hosts such as 127.0.0.1.");
    }

    /// <summary>Sets a header to one value, replacing any value the caller set.</summary>
    public static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        if (!request.Headers.TryAddWithoutValidation(name, value))
        {
            throw new InvalidOperationException($"The header '{name}' cannot be set on a request.");
        }
    }

    /// <summary>Describes a request as method and URL without query, fragment or user information, which may hold secrets.</summary>
    public static string DescribeTarget(HttpRequestMessage request)
    {
        var uri = request.RequestUri;
        if (uri is null)
        {
            return $"{request.Method} (no URI)";
        }

        return uri.IsAbsoluteUri
            ? $"{request.Method} {uri.Scheme}://{uri.Authority}{uri.AbsolutePath}"
            : $"{request.Method} {uri.OriginalString.Split('?', '#')[0]}";
    }

    /// <summary>Checks that a header name is an HTTP token that may be set on a request (not a content header).</summary>
    public static void CheckHeaderName(string headerName, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headerName, parameterName);
        using var probe = new HttpRequestMessage();
        if (!probe.Headers.TryAddWithoutValidation(headerName, "probe"))
        {
            throw new ArgumentException(
                $"'{headerName}' cannot be used as a credential header: it is not a valid header name, or it is a content header.",
                parameterName);
        }
    }

    /// <summary>Checks that a credential can be written into a header: no line break or NUL, which would split it.</summary>
    public static bool IsValidHeaderValue(string value) => value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0;

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
