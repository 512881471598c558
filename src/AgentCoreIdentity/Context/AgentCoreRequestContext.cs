using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity;

/// <summary>
/// Immutable per-invocation values that AgentCore Runtime delivers in request headers: the workload access token,
/// session and request ids, end-user identity, OAuth2 return URL and the headers the platform forwards.
/// </summary>
/// <remarks>
/// <para>
/// Build one per invocation with <see cref="FromHttpRequest(HttpRequest)"/> and pass it explicitly to
/// <see cref="ApiKeyProvider"/> and the other providers, including into background work started with
/// <c>Task.Run</c>, threads or queues. Nothing is stored in ambient state, so the record is valid on any thread
/// for as long as its token is.
/// </para>
/// <para>
/// In a minimal API, declare the record as a handler parameter and ASP.NET Core builds it through
/// <see cref="BindAsync(HttpContext, System.Reflection.ParameterInfo)"/>. Unit tests and hosts outside the runtime
/// create one with an object initializer.
/// </para>
/// <para>
/// <see cref="ToString"/>, <c>PrintMembers</c> and the debugger print <c>***</c> in place of the workload access
/// token and the user token, and list only the names of the forwarded headers.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[DebuggerTypeProxy(typeof(AgentCoreRequestContextDebugView))]
public sealed partial record AgentCoreRequestContext
{
    private readonly string _requestId;
    private readonly bool _isRequestIdGenerated;

    /// <summary>Creates a context with a generated <see cref="RequestId"/>; set the other members with an initializer.</summary>
    public AgentCoreRequestContext()
        : this(requestId: null)
    {
    }

    /// <summary>Creates a context with the given request id, or a generated one when it is <c>null</c>.</summary>
    internal AgentCoreRequestContext(string? requestId)
    {
        _isRequestIdGenerated = requestId is null;
        _requestId = requestId ?? Guid.NewGuid().ToString();
    }

    /// <summary>
    /// Workload access token that authorizes calls to AgentCore Identity on behalf of this agent and its end
    /// user. A secret: it is never printed.
    /// </summary>
    public string? WorkloadAccessToken { get; init; }

    /// <summary>
    /// Name of the header that supplied <see cref="WorkloadAccessToken"/>, or <c>null</c> when the token was set
    /// by code or is absent.
    /// </summary>
    public string? WorkloadAccessTokenHeader { get; init; }

    /// <summary>Runtime session id, when the platform sent one.</summary>
    public string? SessionId { get; init; }

    /// <summary>
    /// Runtime request id of the invocation. When the request carried none, a new GUID is generated and
    /// <see cref="IsRequestIdGenerated"/> is <c>true</c>.
    /// </summary>
    public string RequestId
    {
        get => _requestId;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _requestId = value;
            _isRequestIdGenerated = false;
        }
    }

    /// <summary>Whether <see cref="RequestId"/> was generated because no request id was supplied.</summary>
    public bool IsRequestIdGenerated => _isRequestIdGenerated;

    /// <summary>
    /// End-user id from the <c>X-Amzn-Bedrock-AgentCore-Runtime-User-Id</c> header, or the user id that a
    /// workload access token was minted for outside the runtime.
    /// </summary>
    public string? UserId { get; init; }

    /// <summary>
    /// End user's JWT: the bearer token of the inbound <c>Authorization</c> header, or the JWT that a workload
    /// access token was minted from outside the runtime. A secret: it is never printed.
    /// </summary>
    public string? UserToken { get; init; }

    /// <summary>Return URL for OAuth2 user consent, from the <c>OAuth2CallbackUrl</c> header.</summary>
    public Uri? OAuth2CallbackUrl { get; init; }

    /// <summary>
    /// Headers that the platform forwards to agent code, looked up in any letter case. The workload access token
    /// headers and <c>OAuth2CallbackUrl</c> are never in this map. <c>Authorization</c> is, so that agent code can
    /// pass it on, and no value of the map is ever printed.
    /// </summary>
    public ForwardedHeaders ForwardedHeaders { get; init; } = ForwardedHeaders.Empty;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RequestId = ").Append(RequestId);
        builder.Append(", IsRequestIdGenerated = ").Append(IsRequestIdGenerated ? "true" : "false");
        builder.Append(", SessionId = ").Append(SessionId ?? "null");
        builder.Append(", WorkloadAccessToken = ").Append(Redaction.Describe(WorkloadAccessToken));
        builder.Append(", WorkloadAccessTokenHeader = ").Append(WorkloadAccessTokenHeader ?? "null");
        builder.Append(", UserId = ").Append(UserId ?? "null");
        builder.Append(", UserToken = ").Append(Redaction.Describe(UserToken));
        builder.Append(", OAuth2CallbackUrl = ").Append(OAuth2CallbackUrl?.OriginalString ?? "null");
        builder.Append(", ForwardedHeaders = ").Append(ForwardedHeaders);
        return true;
    }
}
