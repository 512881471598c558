using System.Text;
using AgentCoreIdentity.Emulator.Signing;
using AgentCoreIdentity.Tests.Fixtures;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace AgentCoreIdentity.Tests;

public class SigV4KnownAnswerTests
{
    [Test]
    public void Emulator_verifier_reproduces_known_signature()
    {
        var vector = WireFixtures.KnownAnswer;
        var expected = vector.GetProperty("expected");
        var url = new Uri(vector.GetProperty("url").GetString()!);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = [vector.GetProperty("contentType").GetString()!],
            ["Host"] = [url.Host],
            ["X-Amz-Content-SHA256"] = [expected.GetProperty("X-Amz-Content-SHA256").GetString()!],
            ["X-Amz-Date"] = [expected.GetProperty("X-Amz-Date").GetString()!],
            ["X-Amz-Security-Token"] = [vector.GetProperty("sessionToken").GetString()!],
        };
        var body = Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!);
        var canonical = new SigV4CanonicalRequest(
            "POST",
            url.AbsolutePath,
            string.Empty,
            headers,
            expected.GetProperty("SignedHeaders").GetString()!.Split(';'),
            SigV4CanonicalRequest.HashHex(body));

        var signature = canonical.ComputeSignature(
            expected.GetProperty("X-Amz-Date").GetString()!,
            new SigV4Scope("20260102", vector.GetProperty("region").GetString()!, vector.GetProperty("service").GetString()!),
            vector.GetProperty("secretAccessKey").GetString()!);

        canonical.PayloadHash.Should().Be(expected.GetProperty("X-Amz-Content-SHA256").GetString());
        signature.Should().Be(expected.GetProperty("Signature").GetString());
    }

    [Test]
    public void AwsSdk_signer_reproduces_known_signature()
    {
        var vector = WireFixtures.KnownAnswer;
        var request = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Post,
            RequestUri = new Uri(vector.GetProperty("url").GetString()!),
            Content = Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!),
        };
        request.Headers["Content-Type"] = vector.GetProperty("contentType").GetString()!;

        var result = AWSSigV4Signer.Sign(request, new AWSSigV4Parameters
        {
            Credentials = new SessionAWSCredentials(
                vector.GetProperty("accessKeyId").GetString(),
                vector.GetProperty("secretAccessKey").GetString(),
                vector.GetProperty("sessionToken").GetString()),
            Region = RegionEndpoint.GetBySystemName(vector.GetProperty("region").GetString()),
            Service = vector.GetProperty("service").GetString(),
            SignedAt = DateTime.Parse(vector.GetProperty("signedAt").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
        });

        result.Headers["Authorization"].Should().EndWith("Signature=" + vector.GetProperty("expected").GetProperty("Signature").GetString());
    }
}
