using System.Text.Json;
using System.Text.Json.Serialization;
using AgentCoreIdentity.SampleAgent.Jobs;

namespace AgentCoreIdentity.SampleAgent.Runtime;

/// <summary>The body of <c>POST /invocations</c> in the runtime style.</summary>
/// <param name="Prompt">What the user asked.</param>
/// <param name="Repository">Repository for the tool call, as <c>owner/name</c>.</param>
/// <param name="Background">Whether to respond at once and call the tool in tracked background work.</param>
public sealed record RuntimeInvocationRequest(string? Prompt, string? Repository, bool Background = false);

/// <summary>The 200 body of <c>POST /invocations</c> in the runtime style.</summary>
/// <param name="RequestId">Runtime request id of the invocation.</param>
/// <param name="SessionId">Runtime session id, when the platform sent one.</param>
/// <param name="Status"><c>Succeeded</c> for a completed call, <c>Running</c> for background work.</param>
/// <param name="JobId">Id to pass to <c>GET /jobs/{id}</c> for background work.</param>
/// <param name="Tool">The tool call's result, for a completed call.</param>
public sealed record RuntimeInvocationResponse(string RequestId, string? SessionId, string Status, string? JobId, ToolOutcome? Tool);

/// <summary>Source-generated JSON metadata of the runtime style, the form native AOT needs.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RuntimeInvocationRequest))]
[JsonSerializable(typeof(RuntimeInvocationResponse))]
[JsonSerializable(typeof(PullRequestSummary[]))]
public sealed partial class RuntimeSampleJsonContext : JsonSerializerContext;
