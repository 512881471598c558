namespace AgentCoreIdentity.Tests.Documentation;

/// <summary>
/// The C# source files of the examples project, compared with documentation code blocks without regard to
/// whitespace, so that indentation and line breaks may differ between a doc and the compiled copy.
/// </summary>
internal sealed class SnippetIndex
{
    private readonly IReadOnlyList<(string File, string Text)> _files;

    public SnippetIndex(IEnumerable<(string File, string Text)> files)
    {
        _files = [.. files.Select(file => (file.File, Normalize(file.Text)))];
    }

    /// <summary>
    /// Returns the file that contains the block's code and every one of its leading <c>using</c> directives, or
    /// <c>null</c> when no file does.
    /// </summary>
    public string? FindFileContaining(CodeBlock block)
    {
        var body = Normalize(block.Body);
        var usings = block.LeadingUsings.Select(Normalize).ToArray();

        foreach (var (file, text) in _files)
        {
            if (text.Contains(body, StringComparison.Ordinal) && usings.All(directive => text.Contains(directive, StringComparison.Ordinal)))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>Removes every whitespace character.</summary>
    public static string Normalize(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
