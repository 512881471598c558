using CsCheck;
using FluentAssertions.Execution;

namespace AgentCoreIdentity.Tests;

/// <summary>
/// <see cref="HeaderClassifier.Classify(string, out bool)"/> has a fast path for the exact spellings that requests
/// usually carry. These tests hold it to the same results as the path for any letter case, and check that a name it
/// calls valid passes the header-name check that it then skips.
/// </summary>
public class HeaderClassifierSpellingTests
{
    // Every spelling that the fast path lists, and near misses of each: one letter in another case, one character
    // more or less, a prefix without the rest.
    private static readonly string[] FastPathSpellings =
    [
        "host", "Host", "accept", "Accept", "baggage", "user-agent", "User-Agent", "connection", "Connection",
        "tracestate", "traceparent", "content-type", "Content-Type", "authorization", "Authorization",
        "cache-control", "Cache-Control", "content-length", "Content-Length", "accept-encoding", "Accept-Encoding",
        "accept-language", "Accept-Language", "x-amzn-trace-id", "X-Amzn-Trace-Id", "oauth2callbackurl",
        AgentCoreHeaderNames.OAuth2CallbackUrl, "workloadaccesstoken", AgentCoreHeaderNames.WorkloadAccessToken,
        "x-amz-bedrock-agentcore-identity-wat", "x-amzn-bedrock-agentcore-runtime-session-id",
        "x-amzn-bedrock-agentcore-runtime-request-id", "x-amzn-bedrock-agentcore-runtime-user-id",
        "x-amzn-bedrock-agentcore-runtime-workload-accesstoken", "x-amzn-bedrock-agentcore-runtime-custom-tenant",
        "x-amzn-bedrock-agentcore-runtime-custom-", "x-amzn-bedrock-agentcore-runtime-custom-a b",
        "x-amzn-bedrock-agentcore-runtime-", "x-amzn-bedrock-agentcore-runtime-other",
        "x-amzn-bedrock-agentcore-runtime-session-idx", "x-amzn-bedrock-agentcore-", "x-amzn-bedrock-agentcore-other",
    ];

    private static IEnumerable<string> Spellings()
    {
        var names = FastPathSpellings
            .Concat(HeaderClassifier.RestrictedNames)
            .Concat(AgentCoreHeaderNames.WorkloadAccessTokenHeaders)
            .Concat([AgentCoreHeaderNames.SessionId, AgentCoreHeaderNames.RequestId, AgentCoreHeaderNames.UserId]);

        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            yield return name;
            yield return name.ToUpperInvariant();
            yield return name.ToLowerInvariant();
            yield return name + "x";
            yield return name[..^1];
            yield return " " + name;
            yield return FlipCase(name, name.Length / 2);
        }
    }

    [Test]
    public void Listed_spellings_match_general_path()
    {
        using var scope = new AssertionScope();
        foreach (var name in Spellings())
        {
            CheckAgreement(name);
        }
    }

    [Test]
    public void Mutated_spellings_match_general_path()
    {
        var known = FastPathSpellings.Concat(HeaderClassifier.RestrictedNames).ToArray();
        var mutated = Gen.Select(Gen.OneOf(known), Gen.Int[0, 100], Gen.Int[0, 3], Gen.Char, (name, position, edit, c) =>
            edit switch
            {
                0 => FlipCase(name, position % name.Length),
                1 => name.Insert(position % (name.Length + 1), c.ToString()),
                2 => name.Remove(position % name.Length, 1),
                _ => name,
            });

        Gen.Frequency((3, mutated), (1, Gen.String[0, 60])).Sample(CheckAgreement, iter: 20_000);
    }

    private static void CheckAgreement(string name)
    {
        var kind = HeaderClassifier.Classify(name, out var isValidName);

        kind.Should().Be(HeaderClassifier.ClassifyAnySpelling(name), $"'{name}' must get one kind on both paths");
        if (isValidName)
        {
            FluentActions.Invoking(() => HeaderValueRules.CheckName(name))
                .Should().NotThrow($"'{name}' was called a valid name, so its check is skipped");
        }
    }

    private static string FlipCase(string name, int position)
    {
        var c = name[position];
        var flipped = char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
        return string.Concat(name.AsSpan(0, position), flipped.ToString(), name.AsSpan(position + 1));
    }
}
