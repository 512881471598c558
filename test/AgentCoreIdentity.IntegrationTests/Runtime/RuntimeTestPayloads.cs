using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentCoreIdentity.IntegrationTests.Runtime;

public sealed record EchoRequest(string? Prompt, int Count = 0);

public sealed record EchoResponse(string? Echo, string RequestId, string? SessionId, string? TokenHeader);

public sealed record StreamItem(int Index, string Text);

/// <summary>Source-generated JSON metadata, as a native AOT app would pass it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EchoRequest))]
[JsonSerializable(typeof(EchoResponse))]
[JsonSerializable(typeof(StreamItem))]
public sealed partial class RuntimeTestJsonContext : JsonSerializerContext;
