using AgentCoreIdentity.DataPlane;

namespace AgentCoreIdentity;

/// <summary>
/// Mints workload access tokens outside AgentCore Runtime (on ECS, Lambda or a developer machine), where no
/// platform header carries one, and returns them as request contexts that work with the providers.
/// </summary>
/// <remarks>
/// The workload identity is always named explicitly. This client never creates workload identities and never
/// writes files. The role that signs the requests needs the matching <c>bedrock-agentcore:GetWorkloadAccessToken*</c>
/// action on the workload identity directory and the workload identity.
/// </remarks>
public sealed class WorkloadAccessTokenClient
{
    private readonly IIdentityDataPlane _dataPlane;

    /// <summary>Creates a client with its own HTTP client, for use without dependency injection.</summary>
    /// <param name="options">Endpoint, region and credential settings.</param>
    public WorkloadAccessTokenClient(AgentCoreIdentityOptions options)
        : this(new IdentityClientFactory(options).CreateStandaloneDataPlane())
    {
    }

    internal WorkloadAccessTokenClient(IIdentityDataPlane dataPlane)
    {
        _dataPlane = dataPlane;
    }

    /// <summary>Mints a token for the agent acting as itself, with no end user (<c>GetWorkloadAccessToken</c>).</summary>
    /// <param name="workloadName">Workload identity name: 3 to 255 letters, digits, '-', '_' or '.'.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A new context that carries the token.</returns>
    public Task<AgentCoreRequestContext> GetWorkloadAccessTokenAsync(string workloadName, CancellationToken cancellationToken = default)
    {
        IdentityArguments.CheckWorkloadName(workloadName, nameof(workloadName));
        return MintAsync(new GetWorkloadAccessTokenRequest(workloadName, UserToken: null, UserId: null), cancellationToken);
    }

    /// <summary>
    /// Mints a token for the agent acting for the end user proven by <paramref name="userToken"/>
    /// (<c>GetWorkloadAccessTokenForJWT</c>). The returned context keeps the JWT as <see cref="AgentCoreRequestContext.UserToken"/>
    /// so that a user-consent session can later be bound to the same user.
    /// </summary>
    /// <param name="workloadName">Workload identity name.</param>
    /// <param name="userToken">The user's JWT from an identity provider the workload trusts. A secret.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A new context that carries the token and the JWT.</returns>
    public Task<AgentCoreRequestContext> GetWorkloadAccessTokenForJwtAsync(
        string workloadName,
        string userToken,
        CancellationToken cancellationToken = default)
    {
        IdentityArguments.CheckWorkloadName(workloadName, nameof(workloadName));
        ArgumentException.ThrowIfNullOrWhiteSpace(userToken);
        if (userToken.Length > HeaderValueRules.MaxTokenLength)
        {
            throw new ArgumentException($"The user token is {userToken.Length} characters long; the maximum is {HeaderValueRules.MaxTokenLength}.", nameof(userToken));
        }

        return MintAsync(new GetWorkloadAccessTokenRequest(workloadName, userToken, UserId: null), cancellationToken);
    }

    /// <summary>
    /// Mints a token for the agent acting for the end user named <paramref name="userId"/>
    /// (<c>GetWorkloadAccessTokenForUserId</c>). The service trusts the id as given, so prefer the JWT variant where a
    /// user JWT exists.
    /// </summary>
    /// <param name="workloadName">Workload identity name.</param>
    /// <param name="userId">End-user id: 1 to 128 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A new context that carries the token and the user id.</returns>
    public Task<AgentCoreRequestContext> GetWorkloadAccessTokenForUserIdAsync(
        string workloadName,
        string userId,
        CancellationToken cancellationToken = default)
    {
        IdentityArguments.CheckWorkloadName(workloadName, nameof(workloadName));
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (userId.Length > HeaderValueRules.MaxUserIdLength)
        {
            throw new ArgumentException($"The user id is {userId.Length} characters long; the maximum is {HeaderValueRules.MaxUserIdLength}.", nameof(userId));
        }

        return MintAsync(new GetWorkloadAccessTokenRequest(workloadName, UserToken: null, userId), cancellationToken);
    }

    /// <summary>
    /// Mints a token for the end user of an inbound request that carried none, such as a request to an agent on ECS:
    /// with the context's bearer JWT (<see cref="AgentCoreRequestContext.UserToken"/>) when it has one, else with its
    /// <see cref="AgentCoreRequestContext.UserId"/>, else for the agent alone. Exactly one of the three operations is
    /// called.
    /// </summary>
    /// <param name="workloadName">Workload identity name.</param>
    /// <param name="context">Context of the inbound request; its other values, such as the return URL, are kept.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// A copy of <paramref name="context"/> that carries the new token, replacing any token it had. It keeps the JWT
    /// or user id, so a consent session it starts can be bound to the same user.
    /// </returns>
    public async Task<AgentCoreRequestContext> GetWorkloadAccessTokenForContextAsync(
        string workloadName,
        AgentCoreRequestContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        AgentCoreRequestContext minted;
        if (!string.IsNullOrWhiteSpace(context.UserToken))
        {
            minted = await GetWorkloadAccessTokenForJwtAsync(workloadName, context.UserToken, cancellationToken).ConfigureAwait(false);
        }
        else if (!string.IsNullOrEmpty(context.UserId))
        {
            minted = await GetWorkloadAccessTokenForUserIdAsync(workloadName, context.UserId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            minted = await GetWorkloadAccessTokenAsync(workloadName, cancellationToken).ConfigureAwait(false);
        }

        return context with { WorkloadAccessToken = minted.WorkloadAccessToken, WorkloadAccessTokenHeader = null };
    }

    private async Task<AgentCoreRequestContext> MintAsync(GetWorkloadAccessTokenRequest request, CancellationToken cancellationToken)
    {
        var token = await _dataPlane.GetWorkloadAccessTokenAsync(request, cancellationToken).ConfigureAwait(false);
        return new AgentCoreRequestContext
        {
            WorkloadAccessToken = token,
            UserId = request.UserId,
            UserToken = request.UserToken,
        };
    }
}
