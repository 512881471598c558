using System.Collections.Frozen;

namespace AgentCoreIdentity;

/// <summary>
/// Classifies inbound header names by the AgentCore Runtime header allow-list: restricted names are dropped,
/// <c>x-amz-*</c> names are reserved for SigV4, and <c>x-amzn-*</c> names are platform headers unless they carry
/// the custom-header prefix. Comparisons ignore letter case and allocate nothing.
/// </summary>
internal static class HeaderClassifier
{
    private const string AmzPrefix = "x-amz-";
    private const string AmznPrefix = "x-amzn-";

    // Names the platform never forwards to agent code, as listed in the AgentCore Runtime header allow-list
    // documentation (runtime-header-allowlist.html), grouped as there.
    private static readonly string[] RestrictedNames =
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

    private static readonly FrozenDictionary<string, HeaderKind> KnownNames = BuildKnownNames();

    /// <summary>Returns what the context does with a header of this name.</summary>
    public static HeaderKind Classify(string name)
    {
        if (KnownNames.TryGetValue(name, out var kind))
        {
            return kind;
        }

        if (name.StartsWith(AmzPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return HeaderKind.Restricted;
        }

        if (name.StartsWith(AmznPrefix, StringComparison.OrdinalIgnoreCase)
            && !name.StartsWith(AgentCoreHeaderNames.CustomHeaderPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return HeaderKind.Restricted;
        }

        return HeaderKind.Forwarded;
    }

    private static FrozenDictionary<string, HeaderKind> BuildKnownNames()
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

        return names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
