namespace AgentCoreIdentity;

/// <summary>
/// The end user named in <c>CompleteResourceTokenAuth</c>: either the JWT or the user id that minted the workload
/// access token which started the consent flow. <see cref="ToString"/> prints <c>***</c> in place of the JWT.
/// </summary>
public sealed class UserIdentifier
{
    private UserIdentifier(string? userToken, string? userId)
    {
        UserToken = userToken;
        UserId = userId;
    }

    /// <summary>The user's JWT, sent as <c>userToken</c>; <c>null</c> when <see cref="UserId"/> is set. A secret.</summary>
    public string? UserToken { get; }

    /// <summary>The user id, sent as <c>userId</c> exactly as given; <c>null</c> when <see cref="UserToken"/> is set.</summary>
    public string? UserId { get; }

    /// <summary>Names the user by the JWT that minted the workload access token (<c>GetWorkloadAccessTokenForJWT</c>).</summary>
    /// <param name="userToken">The JWT, 1 to 131072 characters.</param>
    public static UserIdentifier FromUserToken(string userToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userToken);
        if (userToken.Length > HeaderValueRules.MaxTokenLength)
        {
            throw new ArgumentException(
                $"The user token is {userToken.Length} characters long; the maximum is {HeaderValueRules.MaxTokenLength}.",
                nameof(userToken));
        }

        return new UserIdentifier(userToken, userId: null);
    }

    /// <summary>Names the user by the user id that minted the workload access token (<c>GetWorkloadAccessTokenForUserId</c>).</summary>
    /// <param name="userId">The user id, 1 to 128 characters; sent unchanged.</param>
    public static UserIdentifier FromUserId(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (userId.Length > HeaderValueRules.MaxUserIdLength)
        {
            throw new ArgumentException(
                $"The user id is {userId.Length} characters long; the maximum is {HeaderValueRules.MaxUserIdLength}.",
                nameof(userId));
        }

        return new UserIdentifier(userToken: null, userId);
    }

    /// <summary>
    /// Returns the identifier a context's workload access token was minted with: the inbound bearer JWT
    /// (<see cref="AgentCoreRequestContext.UserToken"/>) when there is one, else <see cref="AgentCoreRequestContext.UserId"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The context has neither.</exception>
    public static UserIdentifier FromContext(AgentCoreRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrWhiteSpace(context.UserToken))
        {
            return FromUserToken(context.UserToken);
        }

        if (!string.IsNullOrEmpty(context.UserId))
        {
            return FromUserId(context.UserId);
        }

        throw new ArgumentException(
            $"The context of invocation {context.RequestId} has neither a user token (the bearer JWT of the inbound "
            + $"'Authorization' header) nor a user id (the {AgentCoreHeaderNames.UserId} header), so it cannot name "
            + "the user who started the consent flow. Build the context from the request of that same user, or pass a "
            + "UserIdentifier explicitly.",
            nameof(context));
    }

    /// <summary>Prints which member is set, with <c>***</c> in place of the JWT.</summary>
    public override string ToString() =>
        UserToken is not null ? $"UserIdentifier {{ UserToken = {Redaction.Marker} }}" : $"UserIdentifier {{ UserId = {UserId} }}";
}
