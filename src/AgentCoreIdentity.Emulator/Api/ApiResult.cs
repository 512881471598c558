using System.Text.Json.Nodes;

namespace AgentCoreIdentity.Emulator.Api;

/// <summary>A response of the emulated service: a JSON body, or a rest-json error.</summary>
internal sealed record ApiResult(int StatusCode, string? ErrorCode, JsonObject Body)
{
    public static ApiResult Ok(JsonObject body) => new(200, null, body);

    /// <summary>An error whose body carries <c>message</c>, and whose code goes in <c>x-amzn-ErrorType</c>.</summary>
    public static ApiResult Error(int statusCode, string errorCode, string message) =>
        new(statusCode, errorCode, new JsonObject { ["message"] = message });

    public static ApiResult AccessDenied(string message) => Error(403, "AccessDeniedException", message);

    /// <summary>
    /// The error for a workload access token that the emulator did not mint or that has expired. AWS does not document
    /// the real service's error for this case, so the emulator chooses 403 <c>AccessDeniedException</c> with a message
    /// that names the token, which the SDK reports as a rejected workload access token.
    /// </summary>
    public static ApiResult InvalidWorkloadAccessToken() => AccessDenied("The workload access token is invalid or has expired.");

    public static ApiResult NotFound(string message) => Error(404, "ResourceNotFoundException", message);

    /// <summary>A <c>ValidationException</c> with its reason and field list, as the service sends it.</summary>
    public static ApiResult Validation(string reason, IReadOnlyList<(string Name, string Message)> fields)
    {
        var count = fields.Count == 1 ? "1 validation error detected" : $"{fields.Count} validation errors detected";
        var message = count + ": " + string.Join("; ", fields.Select(field => $"Value at '{field.Name}' failed to satisfy constraint: {field.Message}"));
        var list = new JsonArray();
        foreach (var (name, fieldMessage) in fields)
        {
            list.Add(new JsonObject { ["name"] = name, ["message"] = fieldMessage });
        }

        return new ApiResult(400, "ValidationException", new JsonObject
        {
            ["message"] = message,
            ["reason"] = reason,
            ["fieldList"] = list,
        });
    }

    /// <summary>A <c>ValidationException</c> with only a message, as the service sends for semantic errors.</summary>
    public static ApiResult ValidationMessage(string message) =>
        new(400, "ValidationException", new JsonObject { ["message"] = message, ["reason"] = "FieldValidationFailed" });
}
