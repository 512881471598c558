namespace AgentCoreIdentity;

/// <summary>
/// A request to the OAuth2 return URL has no usable <c>session_id</c> query parameter, so the consent session
/// cannot be completed. The message names the parameter and the rule it broke.
/// </summary>
public sealed class InvalidOAuth2CallbackRequestException : AgentCoreIdentityException
{
    internal InvalidOAuth2CallbackRequestException(string reason)
        : base(
            AgentCoreIdentityErrorCodes.InvalidOAuth2CallbackRequest,
            $"The request to the OAuth2 return URL has an invalid '{OAuth2CallbackRequest.SessionIdParameter}' query parameter: {reason} "
            + "AgentCore Identity adds it when it sends the user's browser back after consent; open the return URL only "
            + "through that redirect.")
    {
        Reason = reason;
    }

    /// <summary>Rule the request broke.</summary>
    public string Reason { get; }
}
