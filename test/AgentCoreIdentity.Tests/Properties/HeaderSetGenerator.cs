using CsCheck;

namespace AgentCoreIdentity.Tests.Properties;

/// <summary>
/// Random header sets. Names are those the context reads, restricted and forwarded ones, and random or malformed
/// ones, in random letter case and with repeats. Values are valid, empty, blank or huge, or they contain control
/// characters, CR/LF or non-ASCII characters.
/// </summary>
internal static class HeaderSetGenerator
{
    private const string TokenCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

    private static readonly string[] InterestingNames =
    [
        AgentCoreHeaderNames.IdentityWorkloadAccessToken, AgentCoreHeaderNames.WorkloadAccessToken,
        AgentCoreHeaderNames.RuntimeWorkloadAccessToken, AgentCoreHeaderNames.SessionId, AgentCoreHeaderNames.RequestId,
        AgentCoreHeaderNames.UserId, AgentCoreHeaderNames.OAuth2CallbackUrl, "Authorization",
        AgentCoreHeaderNames.CustomHeaderPrefix + "Tenant", "X-Api-Key", "X-Custom-Signature", "traceparent", "baggage",
        "X-Amz-Date", "X-Amzn-Trace-Id", "Cookie", "Host", "User-Agent", "Content-Type", ":authority",
    ];

    // Characters that break one rule or another: controls, CR/LF, DEL, space, tab, non-ASCII and a surrogate.
    private const string RuleBreakingCharacters = "\u0000\u0001\t\n\r \u007f\u0080\u00e9\u2028\ud83d\u4e2d";

    private static readonly Gen<string> Secret =
        Gen.Char[TokenCharacters].Array[16, 24].Select(chars => "s" + new string(chars));

    private static readonly Gen<string> Name = Gen.Frequency(
        (8, Gen.Select(Gen.OneOf(InterestingNames), Gen.Int, RandomCase)),
        (3, Gen.Char[TokenCharacters].Array[1, 30].Select(chars => new string(chars))),
        (1, Gen.String[0, 12]),
        (1, Gen.Select(Gen.OneOf(InterestingNames), Gen.Char[RuleBreakingCharacters], (name, c) => name + c)));

    /// <summary>A header set of 0 to 12 headers.</summary>
    public static readonly Gen<GeneratedHeader[]> HeaderSet =
        Gen.Select(Name, Secret, Gen.Int[0, 99], Gen.Char[RuleBreakingCharacters], Gen.Int)
            .Select(parts => Header(parts.Item1, parts.Item2, parts.Item3, parts.Item4, parts.Item5))
            .Array[0, 12];

    private static GeneratedHeader Header(string name, string secret, int shape, char ruleBreaker, int position)
    {
        var value = shape switch
        {
            < 30 => secret,
            < 40 => "Bearer " + secret,
            < 50 => secret.PadRight(40, 'x'),
            < 58 => "https://app.example.com/callback/" + secret,
            < 78 => Insert(secret, ruleBreaker, position),
            < 82 => string.Empty,
            < 86 => " \t ",
            < 90 => "  " + secret + "\t",
            < 93 => string.Concat(Enumerable.Repeat(secret, (131_072 / secret.Length) + 1)),
            < 96 => new string('a', 131_072 - secret.Length) + secret,
            _ => "Basic " + secret,
        };

        return new GeneratedHeader(name, value, secret);
    }

    private static string Insert(string secret, char ruleBreaker, int position) =>
        secret.Insert((int)((uint)position % (uint)(secret.Length + 1)), ruleBreaker.ToString());

    private static string RandomCase(string name, int seed)
    {
        var random = new Random(seed);
        return string.Concat(name.Select(c => random.Next(3) switch
        {
            0 => char.ToLowerInvariant(c),
            1 => char.ToUpperInvariant(c),
            _ => c,
        }));
    }
}
