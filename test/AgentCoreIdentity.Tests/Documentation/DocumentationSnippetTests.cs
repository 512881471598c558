namespace AgentCoreIdentity.Tests.Documentation;

/// <summary>
/// Keeps every C# example of README.md and docs/*.md compiling: each <c>```csharp</c> block must appear, ignoring
/// whitespace, in a source file of test/AgentCoreIdentity.DocExamples, which the solution builds with warnings as
/// errors. A doc example that is edited without its compiled copy fails here.
/// </summary>
public class DocumentationSnippetTests
{
    private const string ExamplesProject = "test/AgentCoreIdentity.DocExamples";

    private static IReadOnlyList<CodeBlock> DocumentationBlocks()
    {
        var markdownFiles = Directory.GetFiles(RepositoryFiles.PathOf("docs"), "*.md")
            .Append(RepositoryFiles.PathOf("README.md"))
            .Order(StringComparer.Ordinal);

        return [.. markdownFiles.SelectMany(path => CodeBlock.Extract(RepositoryFiles.Relative(path), File.ReadAllText(path)))];
    }

    private static SnippetIndex ExampleSources()
    {
        var sources = Directory.GetFiles(RepositoryFiles.PathOf(ExamplesProject), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (RepositoryFiles.Relative(path), File.ReadAllText(path)));

        return new SnippetIndex(sources);
    }

    [Test]
    public void Every_doc_csharp_block_is_compiled()
    {
        var blocks = DocumentationBlocks();
        var examples = ExampleSources();

        var missing = blocks.Where(block => examples.FindFileContaining(block) is null).Select(block => block.ToString());

        blocks.Count.Should().BeGreaterThan(20, "README.md and the docs have many C# examples");
        string.Join("; ", missing).Should().BeEmpty($"every C# block of the docs must be copied, unchanged apart from whitespace, into {ExamplesProject}");
    }

    [Test]
    public void Readme_has_csharp_blocks()
    {
        DocumentationBlocks().Count(block => block.File == "README.md").Should().BeGreaterThan(0);
    }

    [Test]
    public void Blocks_have_code()
    {
        var empty = DocumentationBlocks().Where(block => SnippetIndex.Normalize(block.Body).Length == 0);

        string.Join("; ", empty).Should().BeEmpty("a C# block without code checks nothing");
    }

    [Test]
    public void Index_rejects_changed_block()
    {
        var index = new SnippetIndex([("Example.cs", "var key = await apiKeys.GetApiKeyAsync(context, \"github-api-key\");")]);
        var changed = new CodeBlock("doc.md", 1, "var key = await apiKeys.GetApiKeyAsync(context, \"jira-api-key\");");

        index.FindFileContaining(changed).Should().BeNull();
    }

    [Test]
    public void Index_ignores_whitespace()
    {
        var index = new SnippetIndex([("Example.cs", "    var key =\n        await apiKeys.GetApiKeyAsync(context, \"github-api-key\");")]);
        var block = new CodeBlock("doc.md", 1, "var key = await apiKeys.GetApiKeyAsync(context, \"github-api-key\");");

        index.FindFileContaining(block).Should().Be("Example.cs");
    }

    [Test]
    public void Index_requires_leading_usings()
    {
        var index = new SnippetIndex([("Example.cs", "namespace X;\nvar app = builder.Build();")]);
        var block = new CodeBlock("doc.md", 1, "using AgentCoreIdentity;\n\nvar app = builder.Build();");

        index.FindFileContaining(block).Should().BeNull();
    }

    [Test]
    public void Extract_finds_csharp_fences_only()
    {
        const string Markdown = "# Title\n\n```sh\ndotnet test\n```\n\n```csharp\nvar x = 1;\n```\n";

        var blocks = CodeBlock.Extract("doc.md", Markdown);

        blocks.Should().ContainSingle();
        blocks[0].Code.Should().Be("var x = 1;");
        blocks[0].Line.Should().Be(7);
    }
}
