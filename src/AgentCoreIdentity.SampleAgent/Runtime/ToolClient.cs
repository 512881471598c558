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

    public ToolClient(IHttpClientFactory httpClients)
    {
        // Built once and shared by every invocation: the credentials come from each request, not from the client.
        _client = httpClients.CreateClient(HttpClientName);
    }

    /// <summary>Lists the open pull requests of <paramref name="repository"/> for the invocation's user.</summary>
    public async Task<ToolOutcome> ListPullRequestsAsync(
        AgentCoreRequestContext context,
        Uri toolBaseUrl,
        string repository,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ToolApi.OpenPullRequests(toolBaseUrl, repository))
            .WithAgentCoreContext(context);
        using var response = await _client.SendAsync(request, cancellationToken);
        return await ToolApi.ReadOutcomeAsync(response, repository, cancellationToken);
    }
}
