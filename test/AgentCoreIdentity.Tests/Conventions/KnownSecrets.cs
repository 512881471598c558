namespace AgentCoreIdentity.Tests.Conventions;

/// <summary>Secret values that tests plant in inputs and then look for in every printed text.</summary>
internal static class KnownSecrets
{
    public const string WorkloadAccessToken = "wat-9f3c2b7e41d8a6c5-SECRET";

    public const string OtherWorkloadAccessToken = "wat-0a1b2c3d4e5f6789-SECRET";

    public const string UserJwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnLVNFQ1JFVC03NzE";

    public const string Authorization = "Bearer " + UserJwt;

    public const string CallerApiKey = "caller-key-5d6e7f80-SECRET";

    public const string AwsSecretAccessKey = "aws/secret/4b5c6d7e8f90a1b2c3d4e5f6-SECRET";

    public const string AwsSessionToken = "aws-session-token-1a2b3c4d-SECRET";

    public const string OAuth2AccessToken = "oauth2-access-token-6c7d8e9f-SECRET";

    public const string CustomState = "custom-state-2b3c4d5e-SECRET";

    public const string CustomParameterValue = "custom-parameter-3c4d5e6f-SECRET";

    public const string AuthorizationUrl = "https://idp.example.com/authorize?request_uri=urn-7e8f9a0b-SECRET";

    /// <summary>Every planted secret; a printed text must contain none of them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        WorkloadAccessToken, OtherWorkloadAccessToken, UserJwt, CallerApiKey, AwsSecretAccessKey, AwsSessionToken,
        OAuth2AccessToken, CustomState, CustomParameterValue, AuthorizationUrl,
    ];

    /// <summary>Returns the planted secrets that <paramref name="text"/> contains.</summary>
    public static IEnumerable<string> FoundIn(string? text) =>
        text is null ? [] : All.Where(secret => text.Contains(secret, StringComparison.Ordinal));
}
