using System.Text.RegularExpressions;

namespace AgentCoreIdentity.Tests.Documentation;

/// <summary>
/// Keeps every shell block of README.md and docs/*.md that mints a workload access token from the emulator failing
/// loudly. curl must fail on an error status, the token must be extracted only from a successful response, and an empty
/// token must be reported. Otherwise an error body becomes the token that the next command sends, and the agent rejects
/// it with a message about the header that points away from the cause.
/// </summary>
public partial class TokenMintCommandTests
{
    private static IReadOnlyList<(string File, string Block)> MintBlocks()
    {
        var markdownFiles = Directory.GetFiles(RepositoryFiles.PathOf("docs"), "*.md").Append(RepositoryFiles.PathOf("README.md"));
        return
        [
            .. from path in markdownFiles.Order(StringComparer.Ordinal)
               from Match match in ShellFence().Matches(File.ReadAllText(path).ReplaceLineEndings("\n"))
               where match.Groups["code"].Value.Contains("/identities/GetWorkloadAccessToken", StringComparison.Ordinal)
               select (RepositoryFiles.Relative(path), match.Groups["code"].Value),
        ];
    }

    [Test]
    public void Walkthroughs_mint_tokens()
    {
        var files = MintBlocks().Select(block => block.File).ToArray();

        files.Should().Contain("docs/getting-started.md");
        files.Should().Contain("docs/local-development.md");
    }

    [Test]
    public void Mint_fails_on_error_status()
    {
        var quiet = MintBlocks().Where(block => !block.Block.Contains("--fail-with-body", StringComparison.Ordinal));

        quiet.Select(block => block.File).Should().BeEmpty("curl without --fail-with-body exits 0 on a 4xx and prints the error body as if it were the token");
    }

    [Test]
    public void Token_is_extracted_and_checked()
    {
        foreach (var (file, block) in MintBlocks())
        {
            var extractions = TokenExtraction().Matches(block);

            extractions.Should().NotBeEmpty($"{file} extracts the token with sed -n ... p, which prints nothing unless the response has a token");
            PassThroughSed().IsMatch(block).Should().BeFalse($"{file} must not use a sed that prints an error body unchanged");
            foreach (Match extraction in extractions)
            {
                var variable = extraction.Groups["variable"].Value;
                block.Should().Contain($"[ -n \"${variable}\" ] || echo \"Minting failed", $"{file} reports an empty ${variable}");
            }
        }
    }

    [GeneratedRegex(@"^```sh[ \t]*\n(?<code>.*?)\n```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellFence();

    // variable=$(echo "$response" | sed -n 's/.*"workloadAccessToken":"\([^"]*\)".*/\1/p')
    [GeneratedRegex("""^(?<variable>\w+)=\$\(echo "\$\w+" \| sed -n '[^']*"workloadAccessToken"[^']*/p'\)$""", RegexOptions.Multiline)]
    private static partial Regex TokenExtraction();

    // A sed without -n that rewrites the response: it passes any response without a token through unchanged.
    [GeneratedRegex("""sed '[^']*workloadAccessToken""")]
    private static partial Regex PassThroughSed();
}
