namespace AgentCoreIdentity;

/// <summary>
/// Outbound handler that attaches an API key from AgentCore Identity to every request, fetched with the
/// <see cref="AgentCoreRequestContext"/> carried by that request (see
/// <see cref="AgentCoreHttpRequestMessageExtensions.WithAgentCoreContext"/>).
/// </summary>
/// <remarks>
/// <para>
/// The handler keeps no request state, so one instance serves concurrent requests of different invocations. Each
/// request costs one <c>GetResourceApiKey</c> call. A request without a context fails with
/// <see cref="MissingRequestContextException"/>, and one to a plain-http URL other than loopback fails with code
/// <see cref="AgentCoreIdentityErrorCodes.Configuration"/>; neither is sent. Errors of the key lookup, such as
/// <see cref="MissingWorkloadAccessTokenException"/>, surface unchanged from <see cref="HttpClient.SendAsync(HttpRequestMessage, CancellationToken)"/>.
/// </para>
/// <para>
/// Only asynchronous sending is supported, because the key is fetched over the network; <see cref="HttpClient.Send(HttpRequestMessage)"/>
/// throws <see cref="NotSupportedException"/>. Register it with <c>AddAgentCoreApiKey</c> on an <c>IHttpClientBuilder</c>.
/// </para>
/// </remarks>
public sealed class ApiKeyHandler : DelegatingHandler
{
    /// <summary>Header that carries the key unless another is configured.</summary>
    public const string DefaultHeaderName = "X-Api-Key";

    private readonly ApiKeyProvider _apiKeys;

    /// <summary>Creates the handler.</summary>
    /// <param name="apiKeys">Provider that fetches the key.</param>
    /// <param name="providerName">API-key credential provider to read: 1 to 128 letters, digits, '-' or '_'.</param>
    /// <param name="headerName">Request header that carries the key, such as <c>X-Api-Key</c> or <c>Authorization</c>.</param>
    /// <param name="valuePrefix">Text written before the key, such as <c>"Bearer "</c> or <c>"token "</c>; <c>null</c> for none.</param>
    public ApiKeyHandler(ApiKeyProvider apiKeys, string providerName, string headerName = DefaultHeaderName, string? valuePrefix = null)
    {
        ArgumentNullException.ThrowIfNull(apiKeys);
        CheckSettings(providerName, headerName, valuePrefix);

        _apiKeys = apiKeys;
        ProviderName = providerName;
        HeaderName = headerName;
        ValuePrefix = valuePrefix ?? string.Empty;
    }

    /// <summary>API-key credential provider the key is read from.</summary>
    public string ProviderName { get; }

    /// <summary>Request header that carries the key.</summary>
    public string HeaderName { get; }

    /// <summary>Text written before the key; empty for none.</summary>
    public string ValuePrefix { get; }

    /// <summary>Checks the handler's settings, so that registration fails at start-up rather than on the first request.</summary>
    internal static void CheckSettings(string providerName, string headerName, string? valuePrefix)
    {
        IdentityArguments.CheckProviderName(providerName, nameof(providerName));
        OutboundRequests.CheckHeaderName(headerName, nameof(headerName));
        if (valuePrefix is not null && valuePrefix.Any(c => c < ' ' || c > '~'))
        {
            throw new ArgumentException("The value prefix may contain only visible ASCII characters and spaces.", nameof(valuePrefix));
        }
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credential = $"the API key of credential provider '{ProviderName}'";
        var context = OutboundRequests.RequireContext(request, nameof(ApiKeyHandler), credential);
        OutboundRequests.RequireSecureTransport(request, nameof(ApiKeyHandler), credential);

        var apiKey = await _apiKeys.GetApiKeyAsync(context, ProviderName, cancellationToken).ConfigureAwait(false);
        if (!OutboundRequests.IsValidHeaderValue(apiKey))
        {
            throw new AgentCoreIdentityException(
                AgentCoreIdentityErrorCodes.UnexpectedResponse,
                $"The API key of credential provider '{ProviderName}' contains a line break or NUL character, so it cannot be "
                + $"sent in the '{HeaderName}' header, and the request {OutboundRequests.DescribeTarget(request)} was not sent. "
                + "Store the key in the credential provider without them.")
            {
                ProviderName = ProviderName,
            };
        }

        OutboundRequests.SetHeader(request, HeaderName, ValuePrefix + apiKey);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Always throws: the key is fetched over the network, so only asynchronous sending is supported.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            $"{nameof(ApiKeyHandler)} fetches the API key asynchronously, so the request {OutboundRequests.DescribeTarget(request)} "
            + "was not sent. Use HttpClient.SendAsync instead of HttpClient.Send.");
}
