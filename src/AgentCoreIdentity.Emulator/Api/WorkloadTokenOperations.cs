using System.Text.Json.Nodes;

namespace AgentCoreIdentity.Emulator.Api;

/// <summary>
/// <c>GetWorkloadAccessToken</c>, <c>GetWorkloadAccessTokenForJWT</c> and <c>GetWorkloadAccessTokenForUserId</c>: mint
/// a token for a seeded workload identity, bound to the end user when one is given.
/// </summary>
internal static class WorkloadTokenOperations
{
    public static ApiResult HandleAnonymous(OperationContext context) => Mint(context, "bedrock-agentcore:GetWorkloadAccessToken", userField: null);

    public static ApiResult HandleForJwt(OperationContext context) => Mint(context, "bedrock-agentcore:GetWorkloadAccessTokenForJWT", "userToken");

    public static ApiResult HandleForUserId(OperationContext context) => Mint(context, "bedrock-agentcore:GetWorkloadAccessTokenForUserId", "userId");

    private static ApiResult Mint(OperationContext context, string action, string? userField)
    {
        var body = context.Body;
        var workloadName = body.RequiredString("workloadName", 3, 255, ApiPatterns.WorkloadName());
        string? userToken = null;
        string? userId = null;
        if (userField == "userToken")
        {
            userToken = body.RequiredString("userToken", 1, 131_072, ApiPatterns.UserToken());
        }
        else if (userField == "userId")
        {
            userId = body.RequiredString("userId", 1, 128);
        }

        if (body.ValidationResult() is { } invalid)
        {
            return invalid;
        }

        var workloadArn = context.AgentCoreArn($"workload-identity-directory/default/workload-identity/{workloadName}");
        if (context.Authorize(action, workloadArn) is { } denied)
        {
            return denied;
        }

        if (context.Store.FindWorkloadIdentity(workloadName!) is null)
        {
            return ApiResult.NotFound("Workload identity not found");
        }

        var token = context.Store.IssueToken(workloadName!, userId, userToken);
        return ApiResult.Ok(new JsonObject { ["workloadAccessToken"] = token });
    }
}
