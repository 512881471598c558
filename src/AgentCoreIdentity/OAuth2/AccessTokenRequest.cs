using System.Text;

namespace AgentCoreIdentity;

/// <summary>
/// Request for an OAuth2 access token from one AgentCore Identity credential provider, for one flow and set of scopes,
/// as <see cref="AccessTokenProvider.GetAccessTokenAsync"/> sends it.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> prints <c>***</c> in place of <see cref="CustomState"/> and the values of
/// <see cref="CustomParameters"/>, which the service treats as secrets.
/// </remarks>
public sealed record AccessTokenRequest
{
    /// <summary>Name of the OAuth2 credential provider: 1 to 128 letters, digits, '-' or '_'.</summary>
    public required string ProviderName { get; init; }

    /// <summary>OAuth2 flow to run.</summary>
    public required OAuth2Flow Flow { get; init; }

    /// <summary>Scopes to request, each 1 to 128 characters. Empty by default; the service accepts an empty list.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Resource indicators for the token (<c>resources</c>), each 1 to 2048 characters; <c>null</c> sends none.</summary>
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>Intended audiences of the token (<c>audiences</c>), each 1 to 2048 characters; <c>null</c> sends none.</summary>
    public IReadOnlyList<string>? Audiences { get; init; }

    /// <summary>
    /// Opaque value of up to 4096 characters that AgentCore Identity passes back to the return URL, for the
    /// application's CSRF check. A secret: it is never printed.
    /// </summary>
    public string? CustomState { get; init; }

    /// <summary>
    /// Extra parameters for the provider's authorization request. Keys are 1 to 256 letters, digits, '-', '_' or '.',
    /// and values 1 to 2048 characters. The values are secrets: they are never printed.
    /// </summary>
    public IReadOnlyDictionary<string, string>? CustomParameters { get; init; }

    /// <summary>
    /// Whether to start a new user-consent flow even when the token vault contains a token for the user. It is sent
    /// on the first call only, never on polls, and cannot be combined with <see cref="SessionUri"/>.
    /// </summary>
    public bool ForceAuthentication { get; init; }

    /// <summary>
    /// Return URL that the user's browser is sent to after consent (<c>resourceOauth2ReturnUrl</c>). It must be
    /// registered on the workload identity. When <c>null</c>, a <see cref="OAuth2Flow.UserFederation"/> request uses
    /// <see cref="AgentCoreRequestContext.OAuth2CallbackUrl"/>; the other flows send no return URL.
    /// </summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>
    /// Session URI of a consent flow started earlier, for example from <see cref="AuthorizationRequiredException.SessionUri"/>,
    /// to continue it instead of starting a new one. Only for <see cref="OAuth2Flow.UserFederation"/>.
    /// </summary>
    public string? SessionUri { get; init; }

    /// <summary>
    /// Called once when the user must consent, before the first poll, with the authorization URL to send to the
    /// user who started the flow. Polling starts only after the returned task completes. If the callback fails, nothing
    /// more is sent and its exception surfaces unchanged. When <c>null</c>, the provider does not wait but throws
    /// <see cref="AuthorizationRequiredException"/>, because without the callback the URL cannot reach the user.
    /// </summary>
    public Func<AuthorizationPrompt, CancellationToken, Task>? OnAuthorizationUrl { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ProviderName = ").Append(ProviderName);
        builder.Append(", Flow = ").Append(Flow?.Value ?? "null");
        builder.Append(", Scopes = [").AppendJoin(", ", Scopes ?? []).Append(']');
        builder.Append(", Resources = ").Append(Resources is null ? "null" : $"[{string.Join(", ", Resources)}]");
        builder.Append(", Audiences = ").Append(Audiences is null ? "null" : $"[{string.Join(", ", Audiences)}]");
        builder.Append(", CustomState = ").Append(Redaction.Describe(CustomState));
        builder.Append(", CustomParameters = ");
        if (CustomParameters is null)
        {
            builder.Append("null");
        }
        else
        {
            builder.Append('{').AppendJoin(", ", CustomParameters.Keys.Select(key => $"{key} = {Redaction.Marker}")).Append('}');
        }

        builder.Append(", ForceAuthentication = ").Append(ForceAuthentication ? "true" : "false");
        builder.Append(", CallbackUrl = ").Append(CallbackUrl?.OriginalString ?? "null");
        builder.Append(", SessionUri = ").Append(SessionUri ?? "null");
        builder.Append(", OnAuthorizationUrl = ").Append(OnAuthorizationUrl is null ? "null" : "set");
        return true;
    }
}
