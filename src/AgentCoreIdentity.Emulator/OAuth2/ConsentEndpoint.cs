using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Emulator;

/// <summary>
/// Stands in for the identity provider's consent page that the user's browser opens. The authorization URL points
/// here; opening it counts as the user's consent, and the response redirects the browser to the return URL with the
/// session URI in the <c>session_id</c> query parameter, as AgentCore Identity does. It is an unsigned GET, like any
/// browser request, and it is not recorded among the Identity API requests. The page is found by the session's
/// separate consent id, never by its session id, because the session URI is not a secret. It reaches logs, error
/// messages and the agent's callers.
/// </summary>
internal static class ConsentEndpoint
{
    /// <summary>Path prefix of authorization URLs; the consent id follows it.</summary>
    public const string PathPrefix = "/consent/";

    public static Uri AuthorizationUrl(Uri baseAddress, ConsentSession session) =>
        new(baseAddress, PathPrefix + Uri.EscapeDataString(session.ConsentId));

    public static IResult Handle(string consentId, EmulatorStore store)
    {
        var session = store.OAuth2.FindByConsentId(consentId);
        if (session is null)
        {
            return Results.Text("Unknown consent session.", statusCode: StatusCodes.Status404NotFound);
        }

        // Opening the page again after consent redirects again, as a browser refresh would.
        store.OAuth2.TryMove(session.Id, ConsentSessionStatus.Pending, ConsentSessionStatus.Consented);
        var status = store.OAuth2.Find(session.Id)!.Status;
        if (status != ConsentSessionStatus.Consented)
        {
            return Results.Text($"The consent session is {status}, so it cannot be consented to.", statusCode: StatusCodes.Status400BadRequest);
        }

        // NOTE: The real service also passes customState back on this redirect, under a query name AWS does not
        // document, so the emulator leaves it out.
        var separator = session.ReturnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var location = $"{session.ReturnUrl}{separator}session_id={Uri.EscapeDataString(session.SessionUri)}";
        return Results.Redirect(location, permanent: false);
    }
}
