using Microsoft.AspNetCore.Builder;

namespace AgentCoreIdentity;

/// <summary>The two endpoints that <c>MapAgentCoreRuntime</c> maps, to add conventions such as metadata to each.</summary>
/// <param name="Invocations">The <c>POST /invocations</c> endpoint.</param>
/// <param name="Ping">The <c>GET /ping</c> endpoint. AgentCore Runtime calls it without credentials, so do not add authorization to it.</param>
public sealed record AgentCoreRuntimeEndpoints(IEndpointConventionBuilder Invocations, IEndpointConventionBuilder Ping);
