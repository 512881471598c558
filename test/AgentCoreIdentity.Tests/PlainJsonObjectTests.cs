using System.Text;
using AgentCoreIdentity.DataPlane;
using CsCheck;

namespace AgentCoreIdentity.Tests;

/// <summary>
/// The exact-size body writer agrees byte for byte with <see cref="System.Text.Json.Utf8JsonWriter"/>, and gives way
/// to it for every value that JSON escapes.
/// </summary>
public class PlainJsonObjectTests
{
    [TestCase("WAT-123", "github-api-key")]
    [TestCase("", "p")]
    [TestCase("eyJhbGciOi.J9+/=&<>'~ `{}[]|^%$#@!?;:,", "a_b-c")]
    public void Plain_values_match_json_writer(string token, string providerName)
    {
        var request = new GetResourceApiKeyRequest(token, providerName);

        var plain = request.TryWritePlainBody();

        plain.Should().NotBeNull();
        Encoding.ASCII.GetString(plain!).Should().Be(WrittenByJsonWriter(request));
    }

    [TestCase("quote\"inside")]
    [TestCase("back\\slash")]
    [TestCase("tab\there")]
    [TestCase("delete\u007f")]
    [TestCase("caf\u00e9")]
    [TestCase("emoji \U0001F600")]
    public void Escaped_value_uses_json_writer(string token)
    {
        var request = new GetResourceApiKeyRequest(token, "github-api-key");

        request.TryWritePlainBody().Should().BeNull();
        Encoding.UTF8.GetString(JsonWriting.Serialize(request)).Should().Be(WrittenByJsonWriter(request));
    }

    [Test]
    public void Generated_values_agree_with_json_writer()
    {
        var printable = Gen.Char[' ', '~'];
        var any = Gen.Frequency((19, printable), (1, Gen.Char));
        Gen.Select(any.Array[0, 80], any.Array[0, 20]).Sample(
            (token, providerName) =>
            {
                var request = new GetResourceApiKeyRequest(new string(token), new string(providerName));
                var expected = WrittenByJsonWriter(request);
                var plain = request.TryWritePlainBody();
                var needsNoEscape = expected.Length == token.Length + providerName.Length + 64;
                return plain is null
                    ? !needsNoEscape || token.Concat(providerName).Any(c => c > '~')
                    : Encoding.ASCII.GetString(plain) == expected;
            },
            iter: 20_000);
    }

    private static string WrittenByJsonWriter(IdentityRequest request) =>
        Encoding.UTF8.GetString(JsonWriting.WriteWithJsonWriter(request).WrittenSpan);
}
