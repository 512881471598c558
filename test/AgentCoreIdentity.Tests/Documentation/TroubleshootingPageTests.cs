using System.Reflection;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Tests.Documentation;

/// <summary>
/// Keeps docs/troubleshooting.md complete: every error code has a row with its exception, cause and fix, and every
/// log event of the library has a row with its name and level.
/// </summary>
public class TroubleshootingPageTests
{
    private static string Page => RepositoryFiles.Read("docs/troubleshooting.md");

    private static IEnumerable<string> ErrorCodes() =>
        typeof(AgentCoreIdentityErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

    private static IEnumerable<(MethodInfo Method, LoggerMessageAttribute Attribute)> LogMethods() =>
        typeof(AgentCoreRequestContext).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(entry => entry.Attribute is not null)
            .Select(entry => (entry.Method, entry.Attribute!));

    [Test]
    public void Every_error_code_has_row()
    {
        var page = Page;

        var missing = ErrorCodes().Where(code => MarkdownTable.RowsStartingWith(page, code).Count == 0);

        ErrorCodes().Count().Should().BeGreaterThan(15);
        string.Join("; ", missing).Should().BeEmpty("docs/troubleshooting.md must explain every code of AgentCoreIdentityErrorCodes");
    }

    [Test]
    public void Error_code_rows_have_cause_and_fix()
    {
        var page = Page;

        var incomplete = ErrorCodes()
            .SelectMany(code => MarkdownTable.RowsStartingWith(page, code).Select(cells => (code, cells)))
            .Where(row => row.cells.Count != 4 || row.cells.Skip(1).Any(cell => cell.Length == 0))
            .Select(row => row.code);

        string.Join("; ", incomplete).Should().BeEmpty("each code's row names the exception, the cause and the fix");
    }

    [Test]
    public void Error_code_rows_name_exception()
    {
        var page = Page;
        var exceptionNames = typeof(AgentCoreIdentityException).Assembly.GetTypes()
            .Where(type => typeof(AgentCoreIdentityException).IsAssignableFrom(type))
            .Select(type => type.Name)
            .ToHashSet(StringComparer.Ordinal);

        var unknown = ErrorCodes()
            .SelectMany(code => MarkdownTable.RowsStartingWith(page, code))
            .Select(cells => cells[1].Split(' ')[0].Trim('`'))
            .Where(name => !exceptionNames.Contains(name));

        string.Join("; ", unknown).Should().BeEmpty("the exception column names a type of the library");
    }

    [Test]
    public void Every_log_event_has_row()
    {
        var page = Page;
        var methods = LogMethods().ToArray();

        var missing = methods
            .Where(entry => MarkdownTable.RowsStartingWith(page, entry.Attribute.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Count == 0)
            .Select(entry => $"{entry.Attribute.EventId} ({entry.Method.DeclaringType!.Name}.{entry.Method.Name})");

        methods.Length.Should().BeGreaterThan(20);
        string.Join("; ", missing).Should().BeEmpty("docs/troubleshooting.md lists every log event of the library");
    }

    [Test]
    public void Log_event_rows_match_code()
    {
        var page = Page;

        var mismatches = new List<string>();
        foreach (var (method, attribute) in LogMethods())
        {
            var id = attribute.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var cells in MarkdownTable.RowsStartingWith(page, id))
            {
                // Without EventName, the logging generator names the event after the method.
                var name = attribute.EventName ?? method.Name;
                if (cells.Count < 4 || cells[1] != name)
                {
                    mismatches.Add($"{id}: the name should be {name}");
                }

                // LogLevel.None means the level is a parameter of the method, chosen per call.
                if (attribute.Level != LogLevel.None && (cells.Count < 4 || cells[2] != attribute.Level.ToString()))
                {
                    mismatches.Add($"{id}: the level should be {attribute.Level}");
                }
            }
        }

        string.Join("; ", mismatches).Should().BeEmpty("the rows name each event and its level as the code defines them");
    }
}
