namespace AgentCoreIdentity.Tests.Properties;

/// <summary>
/// One generated header line. <paramref name="Secret"/> is the random part of <paramref name="Value"/>, which no
/// printed text may contain.
/// </summary>
internal sealed record GeneratedHeader(string Name, string Value, string Secret)
{
    public KeyValuePair<string, string> ToPair() => new(Name, Value);

    /// <summary>Prints the header for a failure report, with lengths in place of huge values.</summary>
    public override string ToString() =>
        Value.Length > 200 ? $"{Escape(Name)}: <{Value.Length} characters>" : $"{Escape(Name)}: {Escape(Value)}";

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
