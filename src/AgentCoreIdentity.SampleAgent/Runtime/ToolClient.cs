using AgentCoreIdentity.SampleAgent.Jobs;
using AgentCoreIdentity.SampleAgent.Tool;

namespace AgentCoreIdentity.SampleAgent.Runtime;

/// <summary>
/// Calls the downstream tool API through one shared <see cref="HttpClient"/> whose <see cref="ApiKeyHandler"/>
/// fetches the API key for each request from the context attached to it. The key never reaches this class.
/// </summary>
public sealed class ToolClient
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client, registered with <c>AddAgentCoreApiKey</c>.</summary>
    public const string HttpClientName = "tool-with-api-key";

    private readonly HttpClient _client;
    private readonly SampleAgentSettings _settings;

    public ToolClient(IHttpClientFactory httpClients, SampleAgentSettings settings)
    {
        // Built once and shared by every invocation: the credentials come from each request, not from the client.
        _client = httpClients.CreateClient(HttpClientName);
        _settings = settings;
    }

    /// <summary>Lists the open pull requests of <paramref name="repository"/> for the invocation's user.</summary>
    public async Task<ToolOutcome> ListPullRequestsAsync(AgentCoreRequestContext context, string repository, CancellationToken cancellationToken)
    {
        if (_settings.ToolBaseUrl is null)
        {
            return new ToolOutcome(0, repository, null, "No tool API configured (--tool-url); nothing was called.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, ToolApi.OpenPullRequests(_settings.ToolBaseUrl, repository))
            .WithAgentCoreContext(context);
        using var response = await _client.SendAsync(request, cancellationToken);
        return await ToolApi.ReadOutcomeAsync(response, repository, cancellationToken);
    }
}
