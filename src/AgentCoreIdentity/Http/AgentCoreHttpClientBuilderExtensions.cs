using AgentCoreIdentity;
using AgentCoreIdentity.DataPlane;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the AgentCore outbound credential handlers to <see cref="IHttpClientFactory"/> clients. Each request sent
/// through such a client must carry its invocation's context (<c>request.WithAgentCoreContext(context)</c>).
/// </summary>
/// <remarks>
/// The credential handlers run last, directly in front of the client's primary handler, in the order they were
/// added and whatever the order of the client's other handlers. The credential header so passes through no other
/// handler, not even the factory's logging handlers, whose Trace records keep raw header values in their structured state.
/// Besides the handler, each method marks the credential header for redaction in the factory's request logs, and
/// turns off automatic redirects on the client's primary handler: .NET drops <c>Authorization</c> on a redirect but
/// forwards every other header, so a followed redirect would hand an API key or workload access token to whatever
/// host the response names. Bearer-token clients get the same setting, so that every credential client behaves alike. The 3xx response is returned to the caller instead. A primary handler replaced later
/// with <c>ConfigurePrimaryHttpMessageHandler</c> keeps its own redirect setting.
/// </remarks>
public static class AgentCoreHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ApiKeyHandler"/>, which attaches the API key of <paramref name="providerName"/>, fetched with
    /// each request's context. Requires <c>AddAgentCoreIdentity</c>.
    /// </summary>
    /// <param name="builder">Builder of the client that calls the third-party API.</param>
    /// <param name="providerName">API-key credential provider to read.</param>
    /// <param name="headerName">Request header that carries the key.</param>
    /// <param name="valuePrefix">Text written before the key, such as <c>"Bearer "</c>; <c>null</c> for none.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid, or the builder is the Identity client itself.</exception>
    public static IHttpClientBuilder AddAgentCoreApiKey(
        this IHttpClientBuilder builder,
        string providerName,
        string headerName = ApiKeyHandler.DefaultHeaderName,
        string? valuePrefix = null)
    {
        CheckBuilder(builder);
        ApiKeyHandler.CheckSettings(providerName, headerName, valuePrefix);

        builder.AddCredentialHandler(sp => new ApiKeyHandler(RequireApiKeyProvider(sp), providerName, headerName, valuePrefix));
        return builder.ProtectCredentialHeader(headerName);
    }

    /// <summary>
    /// Adds <see cref="AccessTokenHandler"/>, which sends an OAuth2 access token as <c>Authorization: Bearer</c>,
    /// fetched with each request's context and the same <paramref name="tokenRequest"/>. Requires <c>AddAgentCoreIdentity</c>.
    /// </summary>
    /// <param name="builder">Builder of the client that calls the third-party API.</param>
    /// <param name="tokenRequest">Provider name, flow, scopes and the other members; it must not name a <c>SessionUri</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="tokenRequest"/> is invalid, or the builder is the Identity client itself.</exception>
    public static IHttpClientBuilder AddAgentCoreAccessToken(this IHttpClientBuilder builder, AccessTokenRequest tokenRequest)
    {
        CheckBuilder(builder);
        AccessTokenHandler.CheckFixedRequest(tokenRequest);

        builder.AddCredentialHandler(sp => new AccessTokenHandler(RequireAccessTokenProvider(sp), tokenRequest));
        return builder.ProtectCredentialHeader("Authorization");
    }

    /// <summary>
    /// Adds <see cref="AccessTokenHandler"/> with a token request built from each request's context, for example so
    /// that a user-federation consent callback reaches the user of that invocation. Requires <c>AddAgentCoreIdentity</c>.
    /// </summary>
    /// <param name="builder">Builder of the client that calls the third-party API.</param>
    /// <param name="tokenRequestFactory">Returns the token request for an invocation's context.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The builder is the Identity client itself.</exception>
    public static IHttpClientBuilder AddAgentCoreAccessToken(
        this IHttpClientBuilder builder,
        Func<AgentCoreRequestContext, AccessTokenRequest> tokenRequestFactory)
    {
        CheckBuilder(builder);
        ArgumentNullException.ThrowIfNull(tokenRequestFactory);

        builder.AddCredentialHandler(sp => new AccessTokenHandler(RequireAccessTokenProvider(sp), tokenRequestFactory));
        return builder.ProtectCredentialHeader("Authorization");
    }

    /// <summary>
    /// Adds <see cref="WorkloadAccessTokenPropagationHandler"/>, which sends each request's workload access token in
    /// <c>X-Amz-Bedrock-AgentCore-Identity-WAT</c>. Use it only on clients that call AgentCore runtimes and gateways.
    /// </summary>
    /// <param name="builder">Builder of the client that calls another runtime or a gateway.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The builder is the Identity client itself.</exception>
    public static IHttpClientBuilder AddAgentCoreWorkloadAccessTokenPropagation(this IHttpClientBuilder builder)
    {
        CheckBuilder(builder);

        builder.AddCredentialHandler(_ => new WorkloadAccessTokenPropagationHandler());
        return builder.ProtectCredentialHeader(AgentCoreHeaderNames.IdentityWorkloadAccessToken);
    }

    private static void CheckBuilder(IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.Equals(builder.Name, HttpIdentityDataPlane.HttpClientName, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The credential handlers cannot be added to the '{HttpIdentityDataPlane.HttpClientName}' client, which fetches the "
                + "credentials themselves. Add them to the client that calls the third-party API, runtime or gateway.",
                nameof(builder));
        }
    }

    private static void AddCredentialHandler(this IHttpClientBuilder builder, Func<IServiceProvider, DelegatingHandler> factory)
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, CredentialHandlerBuilderFilter>());
        builder.Services.Configure<CredentialHandlerRegistrations>(builder.Name, registrations => registrations.Factories.Add(factory));
    }

    private static ApiKeyProvider RequireApiKeyProvider(IServiceProvider services) =>
        services.GetService<ApiKeyProvider>()
        ?? throw new InvalidOperationException(
            "ApiKeyProvider is not registered, so ApiKeyHandler cannot fetch keys. Call services.AddAgentCoreIdentity() as well.");

    private static AccessTokenProvider RequireAccessTokenProvider(IServiceProvider services) =>
        services.GetService<AccessTokenProvider>()
        ?? throw new InvalidOperationException(
            "AccessTokenProvider is not registered, so AccessTokenHandler cannot fetch tokens. Call services.AddAgentCoreIdentity() as well.");

    private static IHttpClientBuilder ProtectCredentialHeader(this IHttpClientBuilder builder, string headerName)
    {
        builder.Services.Configure<HttpClientFactoryOptions>(builder.Name, options =>
        {
            // Combined with the existing rule, so that headers redacted before stay redacted.
            var previous = options.ShouldRedactHeaderValue;
            options.ShouldRedactHeaderValue = name => name.Equals(headerName, StringComparison.OrdinalIgnoreCase) || previous(name);
        });

        return builder.ConfigurePrimaryHttpMessageHandler(static (handler, _) =>
        {
            switch (handler)
            {
                case SocketsHttpHandler sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler client:
                    client.AllowAutoRedirect = false;
                    break;
                default:
                    break;
            }
        });
    }
}
