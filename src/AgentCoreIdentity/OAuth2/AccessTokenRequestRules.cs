using System.Text.RegularExpressions;

namespace AgentCoreIdentity;

/// <summary>
/// Checks an <see cref="AccessTokenRequest"/> against the service model's constraints before any request is sent.
/// Messages name the member and the rule, and never print a custom-state or custom-parameter value.
/// </summary>
internal static partial class AccessTokenRequestRules
{
    private const int MaxScopeLength = 128;
    private const int MaxResourceLength = 2048;
    private const int MaxCustomStateLength = 4096;
    private const int MaxParameterKeyLength = 256;
    private const int MaxParameterValueLength = 2048;
    private const int MaxSessionUriLength = 1024;

    /// <summary>Checks every member; the parameter name of each failure is <c>request</c>.</summary>
    public static void Check(AccessTokenRequest request)
    {
        const string Parameter = "request";
        IdentityArguments.CheckProviderName(request.ProviderName, Parameter);
        if (request.Flow is null)
        {
            throw new ArgumentException("AccessTokenRequest.Flow is null. Set it to OAuth2Flow.M2M, UserFederation or OnBehalfOfTokenExchange.", Parameter);
        }

        CheckList(request.Scopes, "Scopes", MaxScopeLength, required: true);
        CheckList(request.Resources, "Resources", MaxResourceLength, required: false);
        CheckList(request.Audiences, "Audiences", MaxResourceLength, required: false);
        CheckCustomState(request.CustomState);
        CheckCustomParameters(request.CustomParameters);
        if (request.CallbackUrl is not null)
        {
            CheckReturnUrl(request.CallbackUrl, "AccessTokenRequest.CallbackUrl");
        }

        if (request.SessionUri is null)
        {
            return;
        }

        CheckSessionUri(request.SessionUri, "AccessTokenRequest.SessionUri", Parameter);
        if (request.Flow != OAuth2Flow.UserFederation)
        {
            throw new ArgumentException(
                $"AccessTokenRequest.SessionUri continues a user-consent session, so it needs flow USER_FEDERATION, not {request.Flow}.",
                Parameter);
        }

        if (request.ForceAuthentication)
        {
            throw new ArgumentException(
                "AccessTokenRequest.ForceAuthentication starts a new consent flow, so it cannot be combined with SessionUri, "
                + "which continues one. Set only one of them.",
                Parameter);
        }
    }

    /// <summary>
    /// Returns the return URL to send: the request's own, else the context's for <see cref="OAuth2Flow.UserFederation"/>.
    /// A user-federation request without either fails here, because the service requires one.
    /// </summary>
    public static string? ResolveReturnUrl(AgentCoreRequestContext context, AccessTokenRequest request)
    {
        if (request.CallbackUrl is not null)
        {
            return request.CallbackUrl.OriginalString;
        }

        if (request.Flow != OAuth2Flow.UserFederation)
        {
            return null;
        }

        if (context.OAuth2CallbackUrl is null)
        {
            throw new ArgumentException(
                "A USER_FEDERATION request needs a return URL, and neither AccessTokenRequest.CallbackUrl nor the context's "
                + $"OAuth2CallbackUrl (the {AgentCoreHeaderNames.OAuth2CallbackUrl} header) is set. Set one to a URL registered in the "
                + "workload identity's allowedResourceOauth2ReturnUrls.",
                "request");
        }

        CheckReturnUrl(context.OAuth2CallbackUrl, "AgentCoreRequestContext.OAuth2CallbackUrl");
        return context.OAuth2CallbackUrl.OriginalString;
    }

    /// <summary>
    /// Checks a session URI: 1 to 1024 characters that contain <c>urn:ietf:params:oauth:request_uri:</c> and an id. The
    /// service model's pattern is not anchored, so only containing a match is required.
    /// </summary>
    public static void CheckSessionUri(string? sessionUri, string what, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionUri, parameterName);
        if (sessionUri.Length > MaxSessionUriLength)
        {
            throw new ArgumentException($"{what} is {sessionUri.Length} characters long; the maximum is {MaxSessionUriLength}.", parameterName);
        }

        if (!SessionUriPattern().IsMatch(sessionUri))
        {
            throw new ArgumentException(
                $"{what} '{HeaderValueRules.Printable(sessionUri)}' is not a session URI such as "
                + "'urn:ietf:params:oauth:request_uri:abc'. Pass the session_id query value URL-decoded, as "
                + "OAuth2CallbackRequest.GetSessionUri returns it.",
                parameterName);
        }
    }

    private static void CheckList(IReadOnlyList<string>? values, string member, int maxLength, bool required)
    {
        if (values is null)
        {
            if (required)
            {
                throw new ArgumentException($"AccessTokenRequest.{member} is null. Use an empty list for no {member.ToLowerInvariant()}.", "request");
            }

            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (string.IsNullOrEmpty(value) || value.Length > maxLength)
            {
                throw new ArgumentException(
                    $"AccessTokenRequest.{member}[{i}] is {(value is null ? "null" : $"{value.Length} characters long")}; each entry must be 1 to {maxLength} characters.",
                    "request");
            }
        }
    }

    private static void CheckCustomState(string? customState)
    {
        if (customState is not null && (customState.Length == 0 || customState.Length > MaxCustomStateLength))
        {
            throw new ArgumentException(
                $"AccessTokenRequest.CustomState is {customState.Length} characters long; it must be 1 to {MaxCustomStateLength}, or null.",
                "request");
        }
    }

    private static void CheckCustomParameters(IReadOnlyDictionary<string, string>? parameters)
    {
        if (parameters is null)
        {
            return;
        }

        foreach (var (key, value) in parameters)
        {
            if (key.Length == 0 || key.Length > MaxParameterKeyLength || !ParameterKeyPattern().IsMatch(key))
            {
                throw new ArgumentException(
                    $"AccessTokenRequest.CustomParameters has the key '{HeaderValueRules.Printable(key)}'; keys must be 1 to "
                    + $"{MaxParameterKeyLength} letters, digits, '-', '_' or '.'.",
                    "request");
            }

            if (string.IsNullOrEmpty(value) || value.Length > MaxParameterValueLength)
            {
                throw new ArgumentException(
                    $"AccessTokenRequest.CustomParameters['{key}'] is {(value is null ? "null" : $"{value.Length} characters long")}; "
                    + $"values must be 1 to {MaxParameterValueLength} characters.",
                    "request");
            }
        }
    }

    private static void CheckReturnUrl(Uri url, string what)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{what} '{HeaderValueRules.Printable(url.OriginalString)}' is not an absolute http or https URL.", "request");
        }

        if (url.OriginalString.Length > HeaderValueRules.MaxCallbackUrlLength)
        {
            throw new ArgumentException(
                $"{what} is {url.OriginalString.Length} characters long; the maximum is {HeaderValueRules.MaxCallbackUrlLength}.",
                "request");
        }
    }

    [GeneratedRegex("urn:ietf:params:oauth:request_uri:[a-zA-Z0-9._~-]+", RegexOptions.CultureInvariant)]
    private static partial Regex SessionUriPattern();

    [GeneratedRegex("^[a-zA-Z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterKeyPattern();
}
