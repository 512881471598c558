using System.Runtime.CompilerServices;
using System.Text;

namespace AgentCoreIdentity;

/// <summary>
/// Classifies inbound header names by the AgentCore Runtime header allow-list: restricted names are dropped,
/// <c>x-amz-*</c> names are reserved for SigV4, and <c>x-amzn-*</c> names are platform headers unless they carry
/// the custom-header prefix. Comparisons ignore letter case and allocate nothing.
/// </summary>
internal static partial class HeaderClassifier
{
    private const string AmzPrefix = "x-amz-";
    private const string AmznPrefix = "x-amzn-";
    private const string RuntimePrefix = "x-amzn-bedrock-agentcore-runtime-";
    private const string CustomSuffix = "custom-";
    private const string IdentityWorkloadAccessTokenName = "x-amz-bedrock-agentcore-identity-wat";

    // Every known name is shorter than this.
    private const int MaxKnownLength = 64;

    // Names the platform never forwards to agent code, as listed in the AgentCore Runtime header allow-list
    // documentation (runtime-header-allowlist.html), grouped as there.
    internal static readonly string[] RestrictedNames =
    [
        // Authentication
        "Proxy-Authorization", "WWW-Authenticate",

        // Content negotiation
        "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Content-Type", "Content-Length",
        "Content-Encoding", "Content-Language", "Content-Location", "Content-Range",

        // Caching
        "Cache-Control", "ETag", "Expires", "If-Match", "If-Modified-Since", "If-None-Match", "If-Range",
        "If-Unmodified-Since", "Last-Modified", "Pragma", "Vary",

        // Connection management
        "Connection", "Keep-Alive", "Proxy-Connection", "Upgrade",

        // Request context
        "Host", "User-Agent", "Referer", "From",

        // Range and transfer
        "Range", "Accept-Ranges", "Transfer-Encoding", "TE", "Trailer",

        // Server information
        "Server", "Date", "Location", "Retry-After",

        // Cookies
        "Set-Cookie", "Cookie",

        // Security response headers
        "Content-Security-Policy", "Content-Security-Policy-Report-Only", "Strict-Transport-Security",
        "X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection", "Referrer-Policy", "Permissions-Policy",
        "Cross-Origin-Embedder-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy",

        // CORS
        "Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
        "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers", "Access-Control-Max-Age",
        "Access-Control-Request-Method", "Access-Control-Request-Headers", "Origin",

        // Client hints
        "Accept-CH", "Accept-CH-Lifetime", "DPR", "Width", "Viewport-Width", "Downlink", "ECT", "RTT", "Save-Data",

        // Experimental and deprecated
        "Clear-Site-Data", "Feature-Policy", "Expect-CT", "Public-Key-Pins", "Public-Key-Pins-Report-Only",

        // Proxies
        "Via", "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP",
        "X-Requested-With", "X-CSRF-Token",

        // Client address spoofing and URL rewriting
        "True-Client-IP", "X-Client-IP", "X-Cluster-Client-IP", "X-Originating-IP", "X-Source-IP", "X-Original-URL",
        "X-Original-Host", "X-Rewrite-URL",

        // CDNs
        "CF-Ray", "CF-Connecting-IP", "X-Amz-Cf-Id", "X-Cache", "X-Served-By",

        // HTTP/2 pseudo-headers
        ":method", ":path", ":scheme", ":authority", ":status",

        // Server push
        "Link",

        // WebSocket handshake
        "Sec-WebSocket-Key", "Sec-WebSocket-Accept", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol",
        "Sec-WebSocket-Extensions",
    ];

    // Known names grouped by length and first letter, so a lookup compares the name with one or two candidates
    // instead of hashing it. On the platform invocation's headers this was faster than a case-insensitive
    // FrozenDictionary (see docs/benchmarks.md).
    private static readonly KnownName[]?[] Buckets = BuildBuckets();

    /// <summary>Returns what the context does with a header of this name.</summary>
    public static HeaderKind Classify(string name) => Classify(name, out _);

    /// <summary>Returns what the context does with a header of this name.</summary>
    /// <param name="name">Header name as received.</param>
    /// <param name="isValidName">
    /// Whether the name is known to be a valid header name, because it equals a spelling that the fast path lists. When
    /// <c>false</c>, the name may still be valid and needs <see cref="HeaderValueRules.CheckName"/>.
    /// </param>
    public static HeaderKind Classify(string name, out bool isValidName)
    {
        if (ClassifyExactSpelling(name, out isValidName) is { } kind)
        {
            return kind;
        }

        isValidName = false;
        return ClassifyAnySpelling(name);
    }

    /// <summary>
    /// Returns what the context does with a header of this name, for names in any letter case. <see cref="Classify(string)"/>
    /// returns the same, faster for the spellings that requests usually carry.
    /// </summary>
    internal static HeaderKind ClassifyAnySpelling(string name)
    {
        // "x-amz-" and "x-amzn-" names are recognized character by character before any string comparison, because
        // most of the platform's own headers have them. Or-ing 0x20 folds ASCII letters only: no other character
        // becomes 'a', 'm', 'n', 'x' or 'z' that way.
        if (name.Length >= AmzPrefix.Length
            && (name[0] | 0x20) == 'x' && name[1] == '-'
            && (name[2] | 0x20) == 'a' && (name[3] | 0x20) == 'm' && (name[4] | 0x20) == 'z')
        {
            if (name[5] == '-')
            {
                return EqualsIgnoreCase(name, IdentityWorkloadAccessTokenName)
                    ? HeaderKind.IdentityWorkloadAccessToken
                    : HeaderKind.ReservedPrefix;
            }

            if ((name[5] | 0x20) == 'n' && name.Length >= AmznPrefix.Length && name[6] == '-')
            {
                return HasPrefix(name, RuntimePrefix)
                    ? ClassifyRuntimeHeader(name.AsSpan(RuntimePrefix.Length))
                    : HeaderKind.ReservedPrefix;
            }
        }

        return FindKnown(name) ?? HeaderKind.Forwarded;
    }

    /// <summary>Classifies the part of an <c>X-Amzn-Bedrock-AgentCore-Runtime-</c> name after that prefix.</summary>
    private static HeaderKind ClassifyRuntimeHeader(ReadOnlySpan<char> rest)
    {
        // Length and first letter pick the one candidate worth comparing.
        var known = (rest.Length, rest.Length > 0 ? rest[0] | 0x20 : 0) switch
        {
            (10, 's') when EqualsIgnoreCase(rest, "session-id") => HeaderKind.SessionId,
            (10, 'r') when EqualsIgnoreCase(rest, "request-id") => HeaderKind.RequestId,
            (7, 'u') when EqualsIgnoreCase(rest, "user-id") => HeaderKind.UserId,
            (20, 'w') when EqualsIgnoreCase(rest, "workload-accesstoken") => HeaderKind.RuntimeWorkloadAccessToken,
            _ => HeaderKind.ReservedPrefix,
        };

        if (known != HeaderKind.ReservedPrefix)
        {
            return known;
        }

        return rest.Length >= CustomSuffix.Length && EqualsIgnoreCase(rest[..CustomSuffix.Length], CustomSuffix)
            ? HeaderKind.Forwarded
            : HeaderKind.ReservedPrefix;
    }

    private static bool HasPrefix(string name, string lowerCasePrefix) =>
        name.Length >= lowerCasePrefix.Length && EqualsIgnoreCase(name.AsSpan(0, lowerCasePrefix.Length), lowerCasePrefix);

    /// <summary>
    /// Compares with a lower-case ASCII name: first exactly, because the platform sends lower-case names, and then
    /// ignoring ASCII case only. OrdinalIgnoreCase would also fold non-ASCII letters such as the Kelvin sign or the
    /// dotless i into 'k' or 'i', and an invalid name could then pass for a known one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EqualsIgnoreCase(ReadOnlySpan<char> name, string lowerCaseName) =>
        name.SequenceEqual(lowerCaseName) || Ascii.EqualsIgnoreCase(name, lowerCaseName);

    private static HeaderKind? FindKnown(string name)
    {
        var bucket = BucketIndex(name);
        if (bucket < 0 || Buckets[bucket] is not { } candidates)
        {
            return null;
        }

        // Candidates share the name's length and first letter. Their last characters, folded to lower case, rule
        // out most of the ones that differ before a full comparison.
        var last = name[^1] | 0x20;
        foreach (var candidate in candidates)
        {
            if (last == candidate.FoldedLastCharacter && EqualsIgnoreCase(name, candidate.LowerCaseName))
            {
                return candidate.Kind;
            }
        }

        return null;
    }

    /// <summary>Returns the bucket of a name: its length (below 64) and its first character folded to lower case.</summary>
    private static int BucketIndex(string name)
    {
        if (name.Length is 0 or >= MaxKnownLength)
        {
            return -1;
        }

        var first = name[0] | 0x20;
        var letter = first is >= 'a' and <= 'z' ? first - 'a' : 26;
        return (name.Length * 27) + letter;
    }

    private static KnownName[]?[] BuildBuckets()
    {
        var names = new Dictionary<string, HeaderKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in RestrictedNames)
        {
            names[name] = HeaderKind.Restricted;
        }

        names[AgentCoreHeaderNames.IdentityWorkloadAccessToken] = HeaderKind.IdentityWorkloadAccessToken;
        names[AgentCoreHeaderNames.WorkloadAccessToken] = HeaderKind.WorkloadAccessToken;
        names[AgentCoreHeaderNames.RuntimeWorkloadAccessToken] = HeaderKind.RuntimeWorkloadAccessToken;
        names[AgentCoreHeaderNames.SessionId] = HeaderKind.SessionId;
        names[AgentCoreHeaderNames.RequestId] = HeaderKind.RequestId;
        names[AgentCoreHeaderNames.UserId] = HeaderKind.UserId;
        names[AgentCoreHeaderNames.OAuth2CallbackUrl] = HeaderKind.OAuth2CallbackUrl;
        names["Authorization"] = HeaderKind.Authorization;

        var buckets = new KnownName[]?[MaxKnownLength * 27];
        foreach (var (name, kind) in names)
        {
            var index = BucketIndex(name);
            if (index < 0)
            {
                throw new InvalidOperationException($"The known header name '{name}' is too long for the lookup table.");
            }

            var lowerCaseName = name.ToLowerInvariant();
            buckets[index] = [.. buckets[index] ?? [], new KnownName(lowerCaseName, lowerCaseName[^1] | 0x20, kind)];
        }

        return buckets;
    }

    private readonly record struct KnownName(string LowerCaseName, int FoldedLastCharacter, HeaderKind Kind);
}
