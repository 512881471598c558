namespace AgentCoreIdentity;

/// <summary>One entry of the field list of a service <c>ValidationException</c>.</summary>
/// <param name="Name">Name of the request member that failed validation.</param>
/// <param name="Message">Why it failed, as the service wrote it.</param>
public sealed record ValidationExceptionField(string Name, string Message);
