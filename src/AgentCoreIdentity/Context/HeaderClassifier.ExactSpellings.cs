namespace AgentCoreIdentity;

internal static partial class HeaderClassifier
{
    private const string LowerCaseRuntimePrefixStart = "x-amzn-bedrock-agentcore-";
    private const string LowerCaseRuntimePrefixEnd = "runtime-";

    /// <summary>
    /// Classifies the exact spellings that requests usually carry: the lower-case names that AgentCore Runtime,
    /// HTTP/2 and HTTP/3 send, and the spellings in which Kestrel returns the standard HTTP/1.1 headers it recognizes.
    /// Returns <c>null</c> for any other spelling, which <see cref="ClassifyAnySpelling"/> then classifies.
    /// </summary>
    /// <param name="name">Header name as received.</param>
    /// <param name="isValidName">
    /// Whether the whole name equals one of the spellings here, so it is a valid header name that needs no check.
    /// </param>
    /// <remarks>
    /// The switch on the length picks one or two candidates. Each comparison is with a string literal, which the JIT
    /// compiles into a few vector compares with constants, with no call and no table to load. Every spelling here must
    /// get the kind that <see cref="ClassifyAnySpelling"/> gives it, which a unit test checks.
    /// </remarks>
    private static HeaderKind? ClassifyExactSpelling(ReadOnlySpan<char> name, out bool isValidName)
    {
        // The prefix is compared in two parts, because the JIT turns a comparison with a literal into constant vector
        // compares only up to 64 bytes, and the whole prefix has 33 characters.
        if (name.Length > RuntimePrefix.Length
            && name.StartsWith(LowerCaseRuntimePrefixStart)
            && name[LowerCaseRuntimePrefixStart.Length..].StartsWith(LowerCaseRuntimePrefixEnd))
        {
            return ClassifyExactRuntimeName(name[RuntimePrefix.Length..], out isValidName);
        }

        isValidName = true;
        return name.Length switch
        {
            4 when name.SequenceEqual("host") || name.SequenceEqual("Host") => HeaderKind.Restricted,
            6 when name.SequenceEqual("accept") || name.SequenceEqual("Accept") => HeaderKind.Restricted,
            7 when name.SequenceEqual("baggage") => HeaderKind.Forwarded,
            10 when name.SequenceEqual("user-agent") || name.SequenceEqual("User-Agent") => HeaderKind.Restricted,
            10 when name.SequenceEqual("connection") || name.SequenceEqual("Connection") => HeaderKind.Restricted,
            10 when name.SequenceEqual("tracestate") => HeaderKind.Forwarded,
            11 when name.SequenceEqual("traceparent") => HeaderKind.Forwarded,
            12 when name.SequenceEqual("content-type") || name.SequenceEqual("Content-Type") => HeaderKind.Restricted,
            13 when name.SequenceEqual("authorization") || name.SequenceEqual("Authorization") => HeaderKind.Authorization,
            13 when name.SequenceEqual("cache-control") || name.SequenceEqual("Cache-Control") => HeaderKind.Restricted,
            14 when name.SequenceEqual("content-length") || name.SequenceEqual("Content-Length") => HeaderKind.Restricted,
            15 when name.SequenceEqual("accept-encoding") || name.SequenceEqual("Accept-Encoding") => HeaderKind.Restricted,
            15 when name.SequenceEqual("accept-language") || name.SequenceEqual("Accept-Language") => HeaderKind.Restricted,
            15 when name.SequenceEqual("x-amzn-trace-id") || name.SequenceEqual("X-Amzn-Trace-Id") => HeaderKind.ReservedPrefix,
            17 when name.SequenceEqual("oauth2callbackurl") || name.SequenceEqual(AgentCoreHeaderNames.OAuth2CallbackUrl) => HeaderKind.OAuth2CallbackUrl,
            19 when name.SequenceEqual("workloadaccesstoken") || name.SequenceEqual(AgentCoreHeaderNames.WorkloadAccessToken) => HeaderKind.WorkloadAccessToken,
            36 when name.SequenceEqual(IdentityWorkloadAccessTokenName) => HeaderKind.IdentityWorkloadAccessToken,
            _ => null,
        };
    }

    /// <summary>Classifies the lower-case part after <c>x-amzn-bedrock-agentcore-runtime-</c>.</summary>
    private static HeaderKind? ClassifyExactRuntimeName(ReadOnlySpan<char> rest, out bool isValidName)
    {
        var kind = rest.Length switch
        {
            10 when rest.SequenceEqual("session-id") => HeaderKind.SessionId,
            10 when rest.SequenceEqual("request-id") => HeaderKind.RequestId,
            7 when rest.SequenceEqual("user-id") => HeaderKind.UserId,
            20 when rest.SequenceEqual("workload-accesstoken") => HeaderKind.RuntimeWorkloadAccessToken,
            >= 7 when rest.StartsWith(CustomSuffix) => HeaderKind.Forwarded,
            _ => (HeaderKind?)null,
        };

        // A custom header is forwarded, but the part of its name after the prefix still needs the check.
        isValidName = kind is not HeaderKind.Forwarded;
        return kind;
    }
}
