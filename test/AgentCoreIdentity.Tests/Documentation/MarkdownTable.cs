namespace AgentCoreIdentity.Tests.Documentation;

/// <summary>Reads the rows of pipe tables in a Markdown text.</summary>
internal static class MarkdownTable
{
    /// <summary>
    /// Returns the cells of every table row whose first cell is <paramref name="firstCell"/>, trimmed, with the
    /// backticks around a cell removed.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> RowsStartingWith(string markdown, string firstCell) =>
        [.. Rows(markdown).Where(cells => cells.Count > 0 && cells[0] == firstCell)];

    /// <summary>Returns the cells of every table row of the text, separator rows excluded.</summary>
    public static IEnumerable<IReadOnlyList<string>> Rows(string markdown)
    {
        foreach (var rawLine in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            if (!line.StartsWith('|') || !line.EndsWith('|') || line.Trim('|', '-', ' ', ':').Length == 0)
            {
                continue;
            }

            yield return [.. line[1..^1].Split('|').Select(cell => cell.Trim().Trim('`'))];
        }
    }
}
