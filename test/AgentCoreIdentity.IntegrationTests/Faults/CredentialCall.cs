namespace AgentCoreIdentity.IntegrationTests.Faults;

/// <summary>
/// One column of the fault matrix: an SDK call that fetches a credential and checks it, and the emulator operation
/// that the call sends. Adding a credential kind to the matrix means adding one instance to <see cref="All"/>.
/// </summary>
/// <param name="Name">Column name used in test names.</param>
/// <param name="Operation">Emulator operation the faults are injected into.</param>
/// <param name="FetchAsync">Makes the call with the given options and asserts that the credential is the right one.</param>
public sealed record CredentialCall(
    string Name,
    string Operation,
    Func<EmulatorEnvironment, AgentCoreIdentityOptions, CancellationToken, Task> FetchAsync)
{
    /// <summary>The API-key column: <see cref="ApiKeyProvider.GetApiKeyAsync"/> returns the stored key.</summary>
    public static CredentialCall ApiKey { get; } = new(
        "ApiKey",
        "GetResourceApiKey",
        async (environment, options, cancellationToken) =>
        {
            var context = new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() };
            var key = await new ApiKeyProvider(options).GetApiKeyAsync(context, EmulatorEnvironment.ProviderName, cancellationToken);
            key.Should().Be(environment.ApiKey);
        });

    /// <summary>
    /// The workload access token column: <see cref="WorkloadAccessTokenClient.GetWorkloadAccessTokenForUserIdAsync"/>
    /// returns a token the emulator minted for the user.
    /// </summary>
    public static CredentialCall WorkloadAccessToken { get; } = new(
        "WorkloadAccessToken",
        "GetWorkloadAccessTokenForUserId",
        async (environment, options, cancellationToken) =>
        {
            var client = new WorkloadAccessTokenClient(options);
            var context = await client.GetWorkloadAccessTokenForUserIdAsync(EmulatorEnvironment.WorkloadName, "user-1", cancellationToken);
            environment.Scan?.Register(context.WorkloadAccessToken!, "minted workload access token");
            environment.Emulator.FindWorkloadAccessToken(context.WorkloadAccessToken!)!.UserId.Should().Be("user-1");
        });

    /// <summary>
    /// The OAuth2 column: <see cref="AccessTokenProvider.GetAccessTokenAsync"/> with the M2M flow returns the token of
    /// the credential provider.
    /// </summary>
    public static CredentialCall OAuth2Token { get; } = new(
        "OAuth2Token",
        "GetResourceOauth2Token",
        async (environment, options, cancellationToken) =>
        {
            const string ProviderName = "matrix-m2m";
            var accessToken = "m2m-token-" + Guid.NewGuid().ToString("N");
            environment.Scan?.Register(accessToken, "OAuth2 access token");
            environment.Emulator.AddOAuth2Provider(ProviderName, accessToken);
            var context = new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() };
            var request = new AccessTokenRequest { ProviderName = ProviderName, Flow = OAuth2Flow.M2M, Scopes = ["inventory.read"] };

            var result = await new AccessTokenProvider(options).GetAccessTokenAsync(context, request, cancellationToken);

            result.AccessToken.Should().Be(accessToken);
        });

    /// <summary>Every column of the matrix.</summary>
    public static IReadOnlyList<CredentialCall> All { get; } = [ApiKey, OAuth2Token, WorkloadAccessToken];

    public override string ToString() => Name;
}
