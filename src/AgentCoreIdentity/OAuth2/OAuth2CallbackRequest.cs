using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace AgentCoreIdentity;

/// <summary>
/// Reads the consent session from a request to the OAuth2 return URL. After the user consents, AgentCore Identity
/// sends the browser to the return URL with the session URI, URL-encoded, in the <c>session_id</c> query parameter.
/// </summary>
public static class OAuth2CallbackRequest
{
    /// <summary>Name of the query parameter that carries the session URI.</summary>
    public const string SessionIdParameter = "session_id";

    /// <summary>Returns the decoded session URI of a request to the return URL.</summary>
    /// <param name="request">The inbound request to the return URL.</param>
    /// <exception cref="InvalidOAuth2CallbackRequestException">The parameter is missing, repeated or not a session URI.</exception>
    public static string GetSessionUri(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Read(request.Query[SessionIdParameter], throwOnError: true)!;
    }

    /// <summary>Returns the decoded session URI of a return URL with its query, for hosts without ASP.NET Core.</summary>
    /// <param name="returnUrl">The full URL the browser requested, query included.</param>
    /// <exception cref="InvalidOAuth2CallbackRequestException">The parameter is missing, repeated or not a session URI.</exception>
    public static string GetSessionUri(Uri returnUrl)
    {
        ArgumentNullException.ThrowIfNull(returnUrl);
        if (!returnUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The return URL must be absolute, with its query.", nameof(returnUrl));
        }

        var query = QueryHelpers.ParseQuery(returnUrl.Query);
        return Read(query.TryGetValue(SessionIdParameter, out var values) ? values : StringValues.Empty, throwOnError: true)!;
    }

    /// <summary>Reads the decoded session URI of a request to the return URL, without throwing.</summary>
    /// <param name="request">The inbound request to the return URL.</param>
    /// <param name="sessionUri">The session URI, when the method returns <c>true</c>.</param>
    public static bool TryGetSessionUri(HttpRequest request, [NotNullWhen(true)] out string? sessionUri)
    {
        ArgumentNullException.ThrowIfNull(request);
        sessionUri = Read(request.Query[SessionIdParameter], throwOnError: false);
        return sessionUri is not null;
    }

    private static string? Read(StringValues values, bool throwOnError)
    {
        string? reason = null;
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            reason = "it is missing or empty.";
        }
        else if (values.Count > 1)
        {
            reason = $"it appears {values.Count} times.";
        }
        else
        {
            try
            {
                AccessTokenRequestRules.CheckSessionUri(values[0], "The session_id value", "session_id");
                return values[0];
            }
            catch (ArgumentException)
            {
                reason = "it is not a session URI such as 'urn:ietf:params:oauth:request_uri:abc'.";
            }
        }

        return throwOnError ? throw new InvalidOAuth2CallbackRequestException(reason) : null;
    }
}
