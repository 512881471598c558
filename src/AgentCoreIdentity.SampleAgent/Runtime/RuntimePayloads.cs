using System.Text.Json;
using System.Text.Json.Serialization;
using AgentCoreIdentity.SampleAgent.Jobs;

namespace AgentCoreIdentity.SampleAgent.Runtime;

/// <summary>The body of <c>POST /invocations</c> in the runtime style. Other fields, such as the plain style's <c>worker</c>, get a 400.</summary>
/// <param name="Prompt">What the user asked.</param>
/// <param name="Repository">Repository for the tool call, as <c>owner/name</c>.</param>
/// <param name="Background">Whether to respond at once and call the tool in tracked background work.</param>
public sealed record RuntimeInvocationRequest(string? Prompt, string? Repository, bool Background = false);

/// <summary>The 200 body of <c>POST /invocations</c> in the runtime style.</summary>
/// <param name="RequestId">Runtime request id of the invocation.</param>
/// <param name="SessionId">Runtime session id, when the platform sent one.</param>
/// <param name="Status"><c>Succeeded</c> for a completed call, <c>Running</c> for background work.</param>
/// <param name="JobId">Id to pass to <c>GET /jobs/{id}</c> for background work.</param>
/// <param name="ApiKeyLength">
/// Length of the API key, for a completed call without a tool API. With a tool API the key goes from
/// <see cref="ApiKeyHandler"/> straight into the tool request, and this handler never reads it, so this is <c>null</c>.
/// </param>
/// <param name="Tool">The tool call's result, for a completed call.</param>
public sealed record RuntimeInvocationResponse(string RequestId, string? SessionId, string Status, string? JobId, int? ApiKeyLength, ToolOutcome? Tool);

/// <summary>
/// Source-generated JSON metadata of the runtime style, the form native AOT needs. An unknown field is rejected rather
/// than ignored, so a misspelt or plain-style field gets a 400 that names it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RuntimeInvocationRequest))]
[JsonSerializable(typeof(RuntimeInvocationResponse))]
[JsonSerializable(typeof(PullRequestSummary[]))]
public sealed partial class RuntimeSampleJsonContext : JsonSerializerContext;
