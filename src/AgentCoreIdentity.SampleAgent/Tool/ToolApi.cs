using System.Net.Http.Json;
using AgentCoreIdentity.SampleAgent.Jobs;
using AgentCoreIdentity.SampleAgent.Runtime;

namespace AgentCoreIdentity.SampleAgent.Tool;

/// <summary>The tool API call that both agent styles make: the URL that lists open pull requests, and reading its response.</summary>
internal static class ToolApi
{
    /// <summary>Repository used when an invocation names none.</summary>
    public const string DefaultRepository = "acme/web";

    /// <summary>
    /// Returns the URL that lists the open pull requests of <paramref name="repository"/>, given as <c>owner/name</c>.
    /// Each part is escaped, so no repository value can change the path or add a query; one without '/' gets a 404.
    /// </summary>
    public static Uri OpenPullRequests(Uri baseUrl, string repository)
    {
        var path = string.Join('/', repository.Split('/', 2).Select(Uri.EscapeDataString));
        return new Uri(baseUrl, $"repos/{path}/pulls?state=open");
    }

    /// <summary>Reads the tool API's response. A rejected request becomes an outcome with a note rather than an exception.</summary>
    public static async Task<ToolOutcome> ReadOutcomeAsync(HttpResponseMessage response, string repository, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return new ToolOutcome((int)response.StatusCode, repository, null, "The tool API rejected the request.");
        }

        var pulls = await response.Content.ReadFromJsonAsync(RuntimeSampleJsonContext.Default.PullRequestSummaryArray, cancellationToken);
        return new ToolOutcome((int)response.StatusCode, repository, pulls?.Length, null);
    }
}
