using System.Text.RegularExpressions;

namespace AgentCoreIdentity.Tests.Documentation;

/// <summary>A fenced <c>```csharp</c> block of a Markdown file, with the line its fence opens on.</summary>
internal sealed partial record CodeBlock(string File, int Line, string Code)
{
    /// <summary>Returns every <c>```csharp</c> block of a Markdown text, in order.</summary>
    public static IReadOnlyList<CodeBlock> Extract(string file, string markdown)
    {
        var blocks = new List<CodeBlock>();
        foreach (Match match in CSharpFence().Matches(markdown.ReplaceLineEndings("\n")))
        {
            var line = 1 + markdown.ReplaceLineEndings("\n").AsSpan(0, match.Index).Count('\n');
            blocks.Add(new CodeBlock(file, line, match.Groups["code"].Value));
        }

        return blocks;
    }

    /// <summary>The <c>using</c> directives at the top of the block, such as those of a whole Program.cs.</summary>
    public IReadOnlyList<string> LeadingUsings => [.. Lines().TakeWhile(IsUsingOrBlank).Where(line => line.Length > 0)];

    /// <summary>The block without its leading <c>using</c> directives.</summary>
    public string Body => string.Join('\n', Lines().SkipWhile(IsUsingOrBlank));

    /// <summary>Names the block for a failure message: file, line and first line of code.</summary>
    public override string ToString() => $"{File}:{Line} ({Lines().FirstOrDefault(line => line.Length > 0)})";

    private IEnumerable<string> Lines() => Code.Split('\n').Select(line => line.Trim());

    private static bool IsUsingOrBlank(string line) => line.Length == 0 || UsingDirective().IsMatch(line);

    // A fence that opens with ```csharp at the start of a line and closes with ``` at the start of a line.
    [GeneratedRegex(@"^```csharp[ \t]*\n(?<code>.*?)\n```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpFence();

    [GeneratedRegex(@"^using (static )?[A-Za-z_][\w.]*( = [\w.<>]+)?;$")]
    private static partial Regex UsingDirective();
}
