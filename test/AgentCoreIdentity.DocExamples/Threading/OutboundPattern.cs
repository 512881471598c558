using AgentCoreIdentity;

namespace DocExamples.Threading;

/// <summary>The outbound HttpClient pattern of docs/threading-and-background-work.md.</summary>
public static class OutboundPattern
{
    public static void Register(WebApplicationBuilder builder)
    {
        builder.Services.AddAgentCoreIdentity();
        builder.Services.AddHttpClient<GitHubClient>(client => client.BaseAddress = new Uri("https://api.github.com/"))
            .AddAgentCoreApiKey("github-api-key", headerName: "Authorization", valuePrefix: "Bearer ");
    }
}

public sealed class GitHubClient(HttpClient http)
{
    public async Task<int> CountOpenPullRequestsAsync(AgentCoreRequestContext context, string repository, CancellationToken cancellationToken)
    {
        // The context rides on the request message, so this works from any thread the caller runs on.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"repos/{repository}/pulls?state=open")
            .WithAgentCoreContext(context);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();

        var pulls = await response.Content.ReadFromJsonAsync<object[]>(cancellationToken);
        return pulls?.Length ?? 0;
    }
}
