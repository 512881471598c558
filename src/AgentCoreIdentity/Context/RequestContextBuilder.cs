using Microsoft.Extensions.Primitives;

namespace AgentCoreIdentity;

/// <summary>
/// Collects inbound headers one at a time and builds an <see cref="AgentCoreRequestContext"/>. One instance
/// serves one request and is then discarded.
/// </summary>
internal sealed class RequestContextBuilder
{
    private const string BearerPrefix = "Bearer ";

    private readonly string?[] _tokens = new string?[3];
    private string? _sessionId;
    private string? _requestId;
    private string? _userId;
    private string? _userToken;
    private Uri? _callbackUrl;
    private Dictionary<string, string>? _forwarded;

    /// <summary>Adds one header with all of its values.</summary>
    /// <param name="name">Header name as received.</param>
    /// <param name="values">Every value received under that name.</param>
    /// <param name="checkName">Whether to check that the name is an HTTP token; servers have checked already.</param>
    public void Add(string name, StringValues values, bool checkName)
    {
        if (checkName)
        {
            HeaderValueRules.CheckName(name);
        }

        var kind = HeaderClassifier.Classify(name);
        switch (kind)
        {
            case HeaderKind.Restricted:
                return;
            case HeaderKind.IdentityWorkloadAccessToken:
                SetToken(0, AgentCoreHeaderNames.IdentityWorkloadAccessToken, values);
                return;
            case HeaderKind.WorkloadAccessToken:
                SetToken(1, AgentCoreHeaderNames.WorkloadAccessToken, values);
                return;
            case HeaderKind.RuntimeWorkloadAccessToken:
                SetToken(2, AgentCoreHeaderNames.RuntimeWorkloadAccessToken, values);
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
                Forward(name, values);
                return;
        }
    }

    /// <summary>Checks the collected values against each other and creates the context.</summary>
    public AgentCoreRequestContext Build()
    {
        var (token, tokenHeader) = ChooseToken();
        var forwarded = _forwarded is null ? ForwardedHeaders.Empty : ForwardedHeaders.Wrap(_forwarded);

        return new AgentCoreRequestContext(_requestId)
        {
            WorkloadAccessToken = token,
            WorkloadAccessTokenHeader = tokenHeader,
            SessionId = _sessionId,
            UserId = _userId,
            UserToken = _userToken,
            OAuth2CallbackUrl = _callbackUrl,
            ForwardedHeaders = forwarded,
        };
    }

    private static void EnsureFirst(object? current, string headerName)
    {
        if (current is not null)
        {
            throw new InvalidRequestHeaderException(headerName, "it appears more than once. Send it once.");
        }
    }

    private void SetToken(int precedence, string headerName, StringValues values)
    {
        EnsureFirst(_tokens[precedence], headerName);
        _tokens[precedence] = HeaderValueRules.ReadSingle(headerName, values, HeaderValueRules.MaxTokenLength, allowSpaces: false);
    }

    private (string? Token, string? HeaderName) ChooseToken()
    {
        var names = AgentCoreHeaderNames.WorkloadAccessTokenHeaders;
        var chosen = -1;
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (_tokens[i] is null)
            {
                continue;
            }

            if (chosen < 0)
            {
                chosen = i;
            }
            else if (!string.Equals(_tokens[chosen], _tokens[i], StringComparison.Ordinal))
            {
                throw new ConflictingRequestHeadersException(names[chosen], names[i]);
            }
        }

        return chosen < 0 ? (null, null) : (_tokens[chosen], names[chosen]);
    }

    private string ReadSessionId(StringValues values)
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

    private Uri ReadCallbackUrl(StringValues values)
    {
        EnsureFirst(_callbackUrl, AgentCoreHeaderNames.OAuth2CallbackUrl);
        var text = HeaderValueRules.ReadSingle(
            AgentCoreHeaderNames.OAuth2CallbackUrl, values, HeaderValueRules.MaxCallbackUrlLength, allowSpaces: false);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidRequestHeaderException(
                AgentCoreHeaderNames.OAuth2CallbackUrl,
                "it is not an absolute http or https URL. Send the full return URL registered on the workload identity.");
        }

        return url;
    }

    private void ReadAuthorization(string name, StringValues values)
    {
        const string HeaderName = "Authorization";
        if (_userToken is not null || (_forwarded?.ContainsKey(HeaderName) ?? false))
        {
            throw new InvalidRequestHeaderException(HeaderName, "it appears more than once. Send it once.");
        }

        // Authorization values contain spaces ("Bearer <token>"), and non-bearer schemes are forwarded unchanged.
        var value = HeaderValueRules.ReadSingle(HeaderName, values, HeaderValueRules.MaxTokenLength + BearerPrefix.Length, allowSpaces: true);
        if (value.Equals(BearerPrefix.TrimEnd(), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestHeaderException(HeaderName, "the Bearer scheme has no token. Send 'Bearer <JWT>'.");
        }

        if (value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var token = value[BearerPrefix.Length..].Trim(' ');
            HeaderValueRules.CheckToken("Authorization (bearer token)", token, HeaderValueRules.MaxTokenLength, allowSpaces: false);
            _userToken = token;
        }

        _forwarded ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        _forwarded[name] = value;
    }

    private void Forward(string name, StringValues values)
    {
        _forwarded ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        _forwarded[name] = _forwarded.TryGetValue(name, out var existing)
            ? HeaderValueRules.AppendForwarded(name, existing, values)
            : HeaderValueRules.JoinForwarded(name, values);
    }
}
