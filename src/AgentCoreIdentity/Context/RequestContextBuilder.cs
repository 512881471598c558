using Microsoft.Extensions.Primitives;

namespace AgentCoreIdentity;

/// <summary>
/// Collects inbound headers one at a time and builds an <see cref="AgentCoreRequestContext"/>. One instance serves
/// one request. It is a struct, held in a local, so building a context allocates only what the context keeps.
/// </summary>
internal struct RequestContextBuilder
{
    private const string AuthorizationHeader = "Authorization";
    private const string BearerScheme = "Bearer";

    // Whether the source guarantees that no two names differ only in letter case, so forwarding needs no lookup.
    private readonly bool _namesAreUnique;

    // Values of the three token headers, indexed by precedence as in AgentCoreHeaderNames.WorkloadAccessTokenHeaders.
    private string? _identityToken;
    private string? _legacyToken;
    private string? _runtimeToken;
    private string? _sessionId;
    private string? _requestId;
    private string? _userId;
    private string? _userToken;
    private Uri? _callbackUrl;
    private ForwardedHeaderCollector _forwarded;

    /// <summary>Creates a builder for one request.</summary>
    /// <param name="namesAreUnique">
    /// Whether the source yields each name once, compared in any letter case, as <c>HeaderDictionary</c> and
    /// <c>HttpHeaders</c> do. Otherwise a name that comes again under another letter case is merged or rejected.
    /// </param>
    public RequestContextBuilder(bool namesAreUnique)
    {
        _namesAreUnique = namesAreUnique;
    }

    /// <summary>Adds one header with all of its values.</summary>
    /// <param name="name">Header name as received.</param>
    /// <param name="values">Every value received under that name.</param>
    public void Add(string name, StringValues values)
    {
        switch (HeaderClassifier.Classify(name, out var isValidName))
        {
            case HeaderKind.Restricted:
                return;
            case HeaderKind.ReservedPrefix:
                // Dropped, but a malformed name fails here as it would in any other position.
                if (!isValidName)
                {
                    HeaderValueRules.CheckName(name);
                }

                return;
            case HeaderKind.IdentityWorkloadAccessToken:
                _identityToken = ReadToken(_identityToken, AgentCoreHeaderNames.IdentityWorkloadAccessToken, values);
                return;
            case HeaderKind.WorkloadAccessToken:
                _legacyToken = ReadToken(_legacyToken, AgentCoreHeaderNames.WorkloadAccessToken, values);
                return;
            case HeaderKind.RuntimeWorkloadAccessToken:
                _runtimeToken = ReadToken(_runtimeToken, AgentCoreHeaderNames.RuntimeWorkloadAccessToken, values);
                return;
            case HeaderKind.SessionId:
                _sessionId = ReadSessionId(values);
                return;
            case HeaderKind.RequestId:
                EnsureFirst(_requestId, AgentCoreHeaderNames.RequestId);
                _requestId = HeaderValueRules.ReadSingle(
                    AgentCoreHeaderNames.RequestId, values, HeaderValueRules.MaxRequestIdLength, allowSpaces: false);
                return;
            case HeaderKind.UserId:
                EnsureFirst(_userId, AgentCoreHeaderNames.UserId);
                _userId = HeaderValueRules.ReadSingle(
                    AgentCoreHeaderNames.UserId, values, HeaderValueRules.MaxUserIdLength, allowSpaces: true);
                return;
            case HeaderKind.OAuth2CallbackUrl:
                _callbackUrl = ReadCallbackUrl(values);
                return;
            case HeaderKind.Authorization:
                ReadAuthorization(name, values);
                return;
            default:
                Forward(name, values, isValidName);
                return;
        }
    }

    /// <summary>Checks the collected values against each other and creates the context.</summary>
    public readonly AgentCoreRequestContext Build()
    {
        var (token, tokenHeader) = ChooseToken();

        return new AgentCoreRequestContext(_requestId)
        {
            WorkloadAccessToken = token,
            WorkloadAccessTokenHeader = tokenHeader,
            SessionId = _sessionId,
            UserId = _userId,
            UserToken = _userToken,
            OAuth2CallbackUrl = _callbackUrl,
            ForwardedHeaders = _forwarded.ToForwardedHeaders(),
        };
    }

    private static void EnsureFirst(object? current, string headerName)
    {
        if (current is not null)
        {
            throw new InvalidRequestHeaderException(headerName, "it appears more than once. Send it once.");
        }
    }

    private readonly string ReadToken(string? current, string headerName, StringValues values)
    {
        EnsureFirst(current, headerName);

        // The platform often sends one token under two names. A value equal to a token already checked needs no
        // second scan; ChooseToken compares the two anyway.
        if (values.Count == 1 && values[0] is { } value
            && (string.Equals(value, _identityToken, StringComparison.Ordinal)
                || string.Equals(value, _legacyToken, StringComparison.Ordinal)
                || string.Equals(value, _runtimeToken, StringComparison.Ordinal)))
        {
            return value;
        }

        return HeaderValueRules.ReadSingle(headerName, values, HeaderValueRules.MaxTokenLength, allowSpaces: false);
    }

    /// <summary>
    /// Returns the token of the header that comes first in precedence order, after checking that every other token
    /// header present carries the same value.
    /// </summary>
    private readonly (string? Token, string? HeaderName) ChooseToken()
    {
        (string? Token, string? HeaderName) chosen = (null, null);
        chosen = Compare(chosen, _identityToken, AgentCoreHeaderNames.IdentityWorkloadAccessToken);
        chosen = Compare(chosen, _legacyToken, AgentCoreHeaderNames.WorkloadAccessToken);
        chosen = Compare(chosen, _runtimeToken, AgentCoreHeaderNames.RuntimeWorkloadAccessToken);
        return chosen;

        static (string?, string?) Compare((string? Token, string? HeaderName) chosen, string? token, string headerName)
        {
            if (token is null)
            {
                return chosen;
            }

            if (chosen.Token is null)
            {
                return (token, headerName);
            }

            if (!string.Equals(chosen.Token, token, StringComparison.Ordinal))
            {
                throw new ConflictingRequestHeadersException(chosen.HeaderName!, headerName);
            }

            return chosen;
        }
    }

    private readonly string ReadSessionId(StringValues values)
    {
        EnsureFirst(_sessionId, AgentCoreHeaderNames.SessionId);
        var sessionId = HeaderValueRules.ReadSingle(
            AgentCoreHeaderNames.SessionId, values, HeaderValueRules.MaxSessionIdLength, allowSpaces: false);
        if (sessionId.Length < HeaderValueRules.MinSessionIdLength)
        {
            throw new InvalidRequestHeaderException(
                AgentCoreHeaderNames.SessionId,
                $"it is {sessionId.Length} characters long; AgentCore Runtime session ids are "
                + $"{HeaderValueRules.MinSessionIdLength} to {HeaderValueRules.MaxSessionIdLength} characters.");
        }

        return sessionId;
    }

    private readonly Uri ReadCallbackUrl(StringValues values)
    {
        EnsureFirst(_callbackUrl, AgentCoreHeaderNames.OAuth2CallbackUrl);
        var text = HeaderValueRules.ReadSingle(
            AgentCoreHeaderNames.OAuth2CallbackUrl, values, HeaderValueRules.MaxCallbackUrlLength, allowSpaces: false);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || url.Host.Length == 0)
        {
            throw new InvalidRequestHeaderException(
                AgentCoreHeaderNames.OAuth2CallbackUrl,
                "it is not an absolute http or https URL with a host. Send the full return URL registered on the workload identity.");
        }

        return url;
    }

    /// <summary>
    /// Reads <c>Authorization</c>: a <c>Bearer</c> credential becomes <see cref="AgentCoreRequestContext.UserToken"/>,
    /// and the value of any scheme is forwarded unchanged, because agent code may need to pass it on.
    /// </summary>
    private void ReadAuthorization(string name, StringValues values)
    {
        if (!_namesAreUnique && (_userToken is not null || _forwarded.IndexOf(AuthorizationHeader) >= 0))
        {
            throw new InvalidRequestHeaderException(AuthorizationHeader, "it appears more than once. Send it once.");
        }

        // Authorization values contain a space between the scheme and the credentials (RFC 9110 section 11.4).
        var value = HeaderValueRules.ReadSingle(AuthorizationHeader, values, HeaderValueRules.MaxAuthorizationLength, allowSpaces: true);
        var separator = value.IndexOf(' ', StringComparison.Ordinal);
        var scheme = separator < 0 ? value : value[..separator];
        if (scheme.Equals(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            if (separator < 0)
            {
                throw new InvalidRequestHeaderException(AuthorizationHeader, "the Bearer scheme has no token. Send 'Bearer <JWT>'.");
            }

            var token = value[(separator + 1)..].TrimStart(' ');
            HeaderValueRules.CheckToken("Authorization (bearer token)", token, HeaderValueRules.MaxTokenLength, allowSpaces: false);
            _userToken = token;
        }

        _forwarded.Add(name, value);
    }

    private void Forward(string name, StringValues values, bool isValidName)
    {
        if (!isValidName)
        {
            HeaderValueRules.CheckName(name);
        }

        var position = _namesAreUnique ? -1 : _forwarded.IndexOf(name);
        if (position < 0)
        {
            _forwarded.Add(name, HeaderValueRules.JoinForwarded(name, values));
        }
        else
        {
            _forwarded.Replace(position, HeaderValueRules.AppendForwarded(name, _forwarded.ValueAt(position), values));
        }
    }
}
