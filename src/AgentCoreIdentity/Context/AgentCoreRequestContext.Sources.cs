using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AgentCoreIdentity;

public sealed partial record AgentCoreRequestContext
{
    /// <summary>
    /// Builds the context of one invocation from the headers of an inbound ASP.NET Core request.
    /// </summary>
    /// <remarks>
    /// The workload access token is read from <c>X-Amz-Bedrock-AgentCore-Identity-WAT</c>, then
    /// <c>WorkloadAccessToken</c>, then <c>X-Amzn-Bedrock-AgentCore-Runtime-Workload-AccessToken</c>, with names matched
    /// in any letter case. When several are present they must carry the same value.
    /// </remarks>
    /// <param name="request">The inbound request.</param>
    /// <returns>A new context; it holds no reference to <paramref name="request"/>.</returns>
    /// <exception cref="InvalidRequestHeaderException">
    /// A header that the context reads has an invalid value, or a forwarded header has an invalid name or a control
    /// character in its value.
    /// </exception>
    /// <exception cref="ConflictingRequestHeadersException">Two token headers carry different values.</exception>
    public static AgentCoreRequestContext FromHttpRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FromHeaders(request.Headers);
    }

    /// <summary>Builds a context from ASP.NET Core request headers.</summary>
    /// <param name="headers">The inbound request headers.</param>
    /// <inheritdoc cref="FromHttpRequest(HttpRequest)" path="/exception" />
    public static AgentCoreRequestContext FromHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);

        if (headers is HeaderDictionary dictionary)
        {
            // HeaderDictionary's keys ignore case, and its struct enumerator avoids boxing an enumerator per request.
            var uniqueBuilder = new RequestContextBuilder(namesAreUnique: true);
            foreach (var header in dictionary)
            {
                uniqueBuilder.Add(header.Key, header.Value);
            }

            return uniqueBuilder.Build();
        }

        // Other implementations, Kestrel's among them, are not known to keep names unique in every letter case.
        var builder = new RequestContextBuilder(namesAreUnique: false);
        foreach (var header in headers)
        {
            builder.Add(header.Key, header.Value);
        }

        return builder.Build();
    }

    /// <summary>
    /// Builds a context from <see cref="HttpHeaders"/>, for hosts that do not use ASP.NET Core, such as a proxy
    /// built on <see cref="HttpClient"/> types.
    /// </summary>
    /// <param name="headers">Request headers; pass content headers too if they carry any of the AgentCore headers.</param>
    /// <inheritdoc cref="FromHttpRequest(HttpRequest)" path="/exception" />
    public static AgentCoreRequestContext FromHeaders(HttpHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);

        // HttpHeaders stores each name once, compared in any letter case.
        var builder = new RequestContextBuilder(namesAreUnique: true);
        foreach (var header in headers.NonValidated)
        {
            var values = header.Value.Count == 1 ? new StringValues(header.Value.ToString()) : new StringValues([.. header.Value]);
            builder.Add(header.Key, values);
        }

        return builder.Build();
    }

    /// <summary>
    /// Builds a context from header name and value pairs, for hosts that do not use ASP.NET Core. A name may appear
    /// several times and in any letter case; repeated values count as one header with several values.
    /// </summary>
    /// <param name="headers">Header names and values, in the order received.</param>
    /// <inheritdoc cref="FromHttpRequest(HttpRequest)" path="/exception" />
    public static AgentCoreRequestContext FromHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);

        var grouped = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            HeaderValueRules.CheckName(name);
            grouped[name] = grouped.TryGetValue(name, out var existing)
                ? StringValues.Concat(existing, value)
                : new StringValues(value);
        }

        var builder = new RequestContextBuilder(namesAreUnique: true);
        foreach (var (name, values) in grouped)
        {
            builder.Add(name, values);
        }

        return builder.Build();
    }
}
