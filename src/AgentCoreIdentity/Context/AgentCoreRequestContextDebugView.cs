namespace AgentCoreIdentity;

/// <summary>
/// What the debugger shows when an <see cref="AgentCoreRequestContext"/> is expanded: every member, with
/// <c>***</c> in place of the tokens and forwarded header names only.
/// </summary>
internal sealed class AgentCoreRequestContextDebugView
{
    private readonly AgentCoreRequestContext _context;

    public AgentCoreRequestContextDebugView(AgentCoreRequestContext context)
    {
        _context = context;
    }

    public string RequestId => _context.RequestId;

    public bool IsRequestIdGenerated => _context.IsRequestIdGenerated;

    public string? SessionId => _context.SessionId;

    public string WorkloadAccessToken => Redaction.Describe(_context.WorkloadAccessToken);

    public string? WorkloadAccessTokenHeader => _context.WorkloadAccessTokenHeader;

    public string? UserId => _context.UserId;

    public string UserToken => Redaction.Describe(_context.UserToken);

    public Uri? OAuth2CallbackUrl => _context.OAuth2CallbackUrl;

    public ForwardedHeaders ForwardedHeaders => _context.ForwardedHeaders;
}
