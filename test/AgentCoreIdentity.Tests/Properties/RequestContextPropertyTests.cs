using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AgentCoreIdentity.Tests.Properties;

/// <summary>
/// Random header sets give either a valid context or one of the two documented exceptions, and nothing printed on
/// either path contains a header value.
/// </summary>
public class RequestContextPropertyTests
{
    private const int HeaderSets = 10_000;

    private static readonly HashSet<string> HeldElsewhere = new(StringComparer.OrdinalIgnoreCase)
    {
        AgentCoreHeaderNames.IdentityWorkloadAccessToken, AgentCoreHeaderNames.WorkloadAccessToken,
        AgentCoreHeaderNames.RuntimeWorkloadAccessToken, AgentCoreHeaderNames.OAuth2CallbackUrl,
        AgentCoreHeaderNames.SessionId, AgentCoreHeaderNames.RequestId, AgentCoreHeaderNames.UserId,
    };

    [Test]
    public void Random_headers_give_context_or_documented_error()
    {
        HeaderSetGenerator.HeaderSet.Sample(
            headers =>
            {
                var outcome = Outcome.Of(() => AgentCoreRequestContext.FromHeaders(headers.Select(header => header.ToPair())));

                // An error message echoes no value at all; a context prints every value except the secrets.
                var mustNotPrint = outcome.Error is null ? headers.Where(IsSecret) : headers;
                foreach (var secret in mustNotPrint.Select(header => header.Secret))
                {
                    outcome.Text.Should().NotContain(secret);
                }

                if (outcome.Context is { } context)
                {
                    CheckContext(context, headers);
                }
            },
            iter: HeaderSets,
            print: headers => string.Join(" | ", headers.Select(header => header.ToString())));
    }

    [Test]
    public void Header_dictionary_and_pairs_agree()
    {
        HeaderSetGenerator.HeaderSet.Sample(
            headers =>
            {
                // HeaderDictionary.Append skips empty values, so repeats are concatenated here instead.
                var dictionary = new HeaderDictionary();
                foreach (var header in headers)
                {
                    dictionary[header.Name] = dictionary.TryGetValue(header.Name, out var existing)
                        ? StringValues.Concat(existing, header.Value)
                        : new StringValues(header.Value);
                }

                var fromPairs = Outcome.Of(() => AgentCoreRequestContext.FromHeaders(headers.Select(header => header.ToPair())));
                var fromDictionary = Outcome.Of(() => AgentCoreRequestContext.FromHeaders(dictionary));

                fromDictionary.ErrorType.Should().Be(fromPairs.ErrorType);
                fromDictionary.Summary().Should().Be(fromPairs.Summary());
            },
            iter: HeaderSets,
            print: headers => string.Join(" | ", headers.Select(header => header.ToString())));
    }

    /// <summary>Whether the header's value is a secret: a token, an <c>Authorization</c> value or a forwarded value.</summary>
    private static bool IsSecret(GeneratedHeader header) =>
        HeaderClassifier.Classify(header.Name) is HeaderKind.IdentityWorkloadAccessToken or HeaderKind.WorkloadAccessToken
            or HeaderKind.RuntimeWorkloadAccessToken or HeaderKind.Authorization or HeaderKind.Forwarded;

    private static void CheckContext(AgentCoreRequestContext context, GeneratedHeader[] headers)
    {
        bool Sent(string name) => headers.Any(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

        if (context.WorkloadAccessToken is { } token)
        {
            token.Should().NotBeNullOrWhiteSpace();
            token.Length.Should().BeLessThanOrEqualTo(131_072);
            var source = headers.Single(header => header.Name.Equals(context.WorkloadAccessTokenHeader, StringComparison.OrdinalIgnoreCase));
            source.Value.Trim(' ', '\t').Should().Be(token);
        }
        else
        {
            foreach (var name in AgentCoreHeaderNames.WorkloadAccessTokenHeaders)
            {
                Sent(name).Should().BeFalse($"a token sent in '{name}' must reach the context");
            }
        }

        context.ForwardedHeaders.Keys.Should().NotContain(name => HeldElsewhere.Contains(name));

        // Nothing is silently dropped: every header that is neither restricted nor held elsewhere is forwarded.
        foreach (var header in headers)
        {
            var kind = HeaderClassifier.Classify(header.Name);
            if (kind is HeaderKind.Forwarded or HeaderKind.Authorization)
            {
                context.ForwardedHeaders.ContainsKey(header.Name).Should().BeTrue($"'{header.Name}' must be forwarded");
            }
        }

        context.RequestId.Should().NotBeNullOrWhiteSpace();
        context.IsRequestIdGenerated.Should().Be(!Sent(AgentCoreHeaderNames.RequestId));
    }

    /// <summary>The result of building a context: the context or one of the documented exceptions, and all printed text.</summary>
    private sealed record Outcome(AgentCoreRequestContext? Context, AgentCoreIdentityException? Error)
    {
        public Type? ErrorType => Error?.GetType();

        /// <summary>Every text a caller could print: the context's ToString, or the exception's ToString.</summary>
        public string Text => Context?.ToString() ?? Error!.ToString();

        public static Outcome Of(Func<AgentCoreRequestContext> build)
        {
            try
            {
                return new Outcome(build(), null);
            }
            catch (InvalidRequestHeaderException ex)
            {
                return new Outcome(null, ex);
            }
            catch (ConflictingRequestHeadersException ex)
            {
                return new Outcome(null, ex);
            }
        }

        /// <summary>The context's values other than the generated request id, or the error type.</summary>
        public string Summary() => Context is null
            ? Error!.GetType().Name
            : string.Join(
                "; ",
                Context.WorkloadAccessToken,
                Context.WorkloadAccessTokenHeader,
                Context.SessionId,
                Context.IsRequestIdGenerated ? "generated" : Context.RequestId,
                Context.UserId,
                Context.UserToken,
                Context.OAuth2CallbackUrl,
                string.Join(", ", Context.ForwardedHeaders.Select(header => $"{header.Key}={header.Value}")));
    }
}
