using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentCoreIdentity.Emulator.Api;

/// <summary>
/// <c>CompleteResourceTokenAuth</c>: binds a consented session to its user. Only the same <c>userToken</c> or
/// <c>userId</c> that minted the workload access token which started the flow is accepted; anything else, and an
/// unknown, expired, unconsented or already bound session, gets 403 "Invalid or expired session".
/// </summary>
internal static class CompleteResourceTokenAuthOperation
{
    public const string InvalidSessionMessage = "Invalid or expired session";

    public static ApiResult Handle(OperationContext context)
    {
        var body = context.Body;
        var sessionUri = body.RequiredString("sessionUri", 1, 1024, ApiPatterns.SessionUri());
        var (userToken, userId) = ReadUserIdentifier(body);
        if (body.ValidationResult() is { } invalid)
        {
            return invalid;
        }

        if (context.Authorize("bedrock-agentcore:CompleteResourceTokenAuth", context.AgentCoreArn("token-vault/default")) is { } denied)
        {
            return denied;
        }

        var session = context.Store.OAuth2.Find(sessionUri!);
        if (session is null)
        {
            return ApiResult.AccessDenied(InvalidSessionMessage);
        }

        // The authorization code is exchanged for the token here, with the provider's client secret.
        if (OAuth2TokenOperation.ReadClientSecret(context, session.ProviderName) is { } secretDenied)
        {
            return secretDenied;
        }

        return context.Store.OAuth2.TryBind(sessionUri!, userToken, userId)
            ? ApiResult.Ok([])
            : ApiResult.AccessDenied(InvalidSessionMessage);
    }

    /// <summary>Reads the <c>userIdentifier</c> union, which must set exactly one member.</summary>
    private static (string? UserToken, string? UserId) ReadUserIdentifier(RequestBody body)
    {
        const string Name = "userIdentifier";
        if (body.OptionalElement(Name) is not { } element)
        {
            body.AddError(Name, "Member must not be null");
            return (null, null);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            body.AddError(Name, "Member must be a structure");
            return (null, null);
        }

        var members = element.EnumerateObject().Where(member => member.Value.ValueKind != JsonValueKind.Null).ToArray();
        if (members.Length != 1 || members[0].Value.ValueKind != JsonValueKind.String)
        {
            body.AddError(Name, "Union must have exactly one member set: userToken or userId");
            return (null, null);
        }

        var value = members[0].Value.GetString()!;
        return members[0].Name switch
        {
            "userToken" => (body.CheckString(Name + ".userToken", value, 1, 131_072), null),
            "userId" => (null, body.CheckString(Name + ".userId", value, 1, 128)),
            _ => AddUnknownMember(body, members[0].Name),
        };
    }

    private static (string?, string?) AddUnknownMember(RequestBody body, string member)
    {
        body.AddError("userIdentifier", $"Unknown union member '{member}'; use userToken or userId");
        return (null, null);
    }
}
