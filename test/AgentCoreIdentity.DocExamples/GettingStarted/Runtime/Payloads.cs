namespace DocExamples.GettingStarted.Runtime;

public sealed record InvocationRequest(string? Prompt);

public sealed record InvocationResult(string RequestId, int ApiKeyLength, int TokenLength);
