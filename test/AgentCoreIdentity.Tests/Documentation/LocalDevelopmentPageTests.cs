using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentCoreIdentity.Tests.Documentation;

/// <summary>Keeps the seed that docs/local-development.md shows equal to the file its commands pass to the emulator.</summary>
public partial class LocalDevelopmentPageTests
{
    private const string SeedFile = "src/AgentCoreIdentity.SampleAgent/emulator-seed.json";

    [Test]
    public void Page_shows_seed_file_unchanged()
    {
        var page = RepositoryFiles.Read("docs/local-development.md");
        var shown = JsonFence().Matches(page.ReplaceLineEndings("\n"))
            .Select(match => match.Groups["json"].Value)
            .FirstOrDefault(json => json.Contains("\"apiKeyCredentialProviders\"", StringComparison.Ordinal));

        shown.Should().NotBeNull("the page shows the seed file");
        JsonNode.DeepEquals(JsonNode.Parse(shown!), JsonNode.Parse(RepositoryFiles.Read(SeedFile))).Should().BeTrue();
    }

    [Test]
    public void Page_commands_use_seed_file()
    {
        RepositoryFiles.Read("docs/local-development.md").Should().Contain($"--seed {SeedFile}");
    }

    [GeneratedRegex(@"^```json[ \t]*\n(?<json>.*?)\n```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JsonFence();
}
