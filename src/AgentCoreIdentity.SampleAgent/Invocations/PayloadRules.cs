using System.Buffers;
using System.Globalization;

namespace AgentCoreIdentity.SampleAgent.Invocations;

/// <summary>
/// Checks the fields of an invocation body before any work starts, so that a bad value gets a 400 that names the
/// field and the rule instead of a job that fails later. Messages show the position of a bad character, not the value.
/// Positions count from 0, as in the library's header errors.
/// </summary>
internal static class PayloadRules
{
    /// <summary>Maximum length of a credential provider name, from the AgentCore Identity API.</summary>
    public const int MaxProviderNameLength = 128;

    private const int MaxRepositoryPartLength = 100;

    private static readonly SearchValues<char> ProviderCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    private static readonly SearchValues<char> RepositoryCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>
    /// Returns why <paramref name="provider"/> is not a credential provider name (1 to 128 letters, digits, '-' and
    /// '_', the rule of the AgentCore Identity API), or <c>null</c> when it is one.
    /// </summary>
    /// <param name="provider">The value to check.</param>
    /// <param name="source">Where the value came from, such as <c>the body field 'provider'</c>.</param>
    public static string? CheckProvider(string provider, string source)
    {
        const string Rule = "A credential provider name is 1 to 128 characters: letters, digits, '-' and '_'.";
        if (provider.Length is 0 or > MaxProviderNameLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The value of {source} is {provider.Length} characters long. {Rule}");
        }

        var bad = provider.AsSpan().IndexOfAnyExcept(ProviderCharacters);
        return bad < 0 ? null : string.Create(CultureInfo.InvariantCulture, $"The value of {source} has {Describe(provider[bad])} at position {bad}. {Rule}");
    }

    /// <summary>
    /// Returns why <paramref name="repository"/> is not <c>owner/name</c>, each part 1 to 100 letters, digits, '-', '_'
    /// and '.', or <c>null</c> when it is.
    /// </summary>
    public static string? CheckRepository(string repository)
    {
        const string Rule = "A repository is 'owner/name', each part 1 to 100 characters: letters, digits, '-', '_' and '.', and neither '.' nor '..'.";
        if (repository.Length == 0)
        {
            return $"The body field 'repository' is empty. {Rule}";
        }

        var parts = repository.Split('/');
        if (parts.Length != 2)
        {
            return $"The body field 'repository' must contain exactly one '/'. {Rule}";
        }

        string[] partNames = ["owner", "name"];
        for (var i = 0; i < parts.Length; i++)
        {
            var problem = DescribePart(parts[i], partNames[i]);
            if (problem is not null)
            {
                return $"The body field 'repository' {problem}. {Rule}";
            }
        }

        return null;
    }

    // Returns what is wrong with one part of 'owner/name', or null when nothing is.
    private static string? DescribePart(string part, string partName)
    {
        if (part.Length == 0)
        {
            return $"has an empty '{partName}'";
        }

        if (part.Length > MaxRepositoryPartLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"has {part.Length} characters in its '{partName}' part");
        }

        if (part is "." or "..")
        {
            return $"has '{part}' as its '{partName}'";
        }

        var bad = part.AsSpan().IndexOfAnyExcept(RepositoryCharacters);
        return bad < 0 ? null : $"has {Describe(part[bad])} in '{partName}'";
    }

    // Names a character without printing control characters into the message.
    private static string Describe(char c) =>
        c is >= ' ' and <= '~'
            ? $"the character '{c}'"
            : string.Create(CultureInfo.InvariantCulture, $"the character U+{(int)c:X4}");
}
