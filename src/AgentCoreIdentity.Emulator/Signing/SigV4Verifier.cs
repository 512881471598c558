using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AgentCoreIdentity.Emulator.Signing;

/// <summary>
/// Checks the SigV4 signature of every received request by recomputing it from the wire request and the secret
/// key of the claimed access key, and rejects failures with the error codes and messages AWS uses.
/// </summary>
internal sealed class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    private readonly Func<string, EmulatorAccessKey?> _findKey;
    private readonly string _region;
    private readonly string _service;
    private readonly TimeProvider _time;
    private readonly TimeSpan _allowedSkew;

    public SigV4Verifier(Func<string, EmulatorAccessKey?> findKey, string region, string service, TimeProvider time, TimeSpan allowedSkew)
    {
        _findKey = findKey;
        _region = region;
        _service = service;
        _time = time;
        _allowedSkew = allowedSkew;
    }

    public SignatureCheck Verify(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return SignatureCheck.Fail("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (!TryParseAuthorization(authorization, out var accessKeyId, out var scope, out var signedHeaders, out var signature))
        {
            return SignatureCheck.Fail(
                "IncompleteSignatureException",
                "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters and the "
                + $"{Algorithm} algorithm.");
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return SignatureCheck.Fail("IncompleteSignatureException", "Authorization requires a valid X-Amz-Date header in yyyyMMddTHHmmssZ form.");
        }

        var scopeProblem = CheckScope(scope, amzDate, signedHeaders);
        if (scopeProblem is not null)
        {
            return scopeProblem;
        }

        var key = _findKey(accessKeyId);
        if (key is null || !SessionTokenMatches(request, key, signedHeaders))
        {
            return SignatureCheck.Fail("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var skewProblem = CheckClock(signedAt, amzDate);
        if (skewProblem is not null)
        {
            return skewProblem;
        }

        var canonical = new SigV4CanonicalRequest(
            request.Method,
            RawPath(request),
            request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty,
            ReadHeaders(request),
            signedHeaders,
            SigV4CanonicalRequest.HashHex(body));
        var expected = canonical.ComputeSignature(amzDate, scope, key.SecretAccessKey);

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return SignatureCheck.Fail(
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key "
                + "and signing method. Consult the service documentation for details.");
        }

        return SignatureCheck.Valid(key);
    }

    private SignatureCheck? CheckScope(SigV4Scope scope, string amzDate, IReadOnlyList<string> signedHeaders)
    {
        if (!amzDate.StartsWith(scope.Date, StringComparison.Ordinal))
        {
            return SignatureCheck.Fail("InvalidSignatureException", $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope.Date}' != '{amzDate[..8]}'");
        }

        if (!string.Equals(scope.Region, _region, StringComparison.Ordinal))
        {
            return SignatureCheck.Fail("InvalidSignatureException", $"Credential should be scoped to a valid region. Expected '{_region}'.");
        }

        if (!string.Equals(scope.Service, _service, StringComparison.Ordinal))
        {
            return SignatureCheck.Fail("InvalidSignatureException", $"Credential should be scoped to correct service: '{_service}'.");
        }

        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date"))
        {
            return SignatureCheck.Fail("InvalidSignatureException", "The host and x-amz-date headers must be signed.");
        }

        return null;
    }

    private SignatureCheck? CheckClock(DateTimeOffset signedAt, string amzDate)
    {
        var now = _time.GetUtcNow();
        var minutes = _allowedSkew.TotalMinutes.ToString(CultureInfo.InvariantCulture);
        if (signedAt < now - _allowedSkew)
        {
            return SignatureCheck.Fail(
                "InvalidSignatureException",
                $"Signature expired: {amzDate} is now earlier than {Format(now - _allowedSkew)} ({Format(now)} - {minutes} min.)");
        }

        if (signedAt > now + _allowedSkew)
        {
            return SignatureCheck.Fail(
                "InvalidSignatureException",
                $"Signature not yet current: {amzDate} is still later than {Format(now + _allowedSkew)} ({Format(now)} + {minutes} min.)");
        }

        return null;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);

    private static bool SessionTokenMatches(HttpRequest request, EmulatorAccessKey key, IReadOnlyList<string> signedHeaders)
    {
        var sent = request.Headers["X-Amz-Security-Token"].ToString();
        if (key.SessionToken is null)
        {
            return sent.Length == 0;
        }

        return signedHeaders.Contains("x-amz-security-token")
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(key.SessionToken));
    }

    private static bool TryParseAuthorization(
        string authorization,
        out string accessKeyId,
        out SigV4Scope scope,
        out IReadOnlyList<string> signedHeaders,
        out string signature)
    {
        accessKeyId = string.Empty;
        scope = new SigV4Scope(string.Empty, string.Empty, string.Empty);
        signedHeaders = [];
        signature = string.Empty;

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        string? credential = null, headers = null, sig = null;
        foreach (var part in authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var value = part[(equals + 1)..];
            switch (part[..equals])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": headers = value; break;
                case "Signature": sig = value; break;
                default: return false;
            }
        }

        var credentialParts = credential?.Split('/');
        if (credentialParts is not { Length: 5 } || credentialParts[4] != "aws4_request" || headers is null || sig is null)
        {
            return false;
        }

        accessKeyId = credentialParts[0];
        scope = new SigV4Scope(credentialParts[1], credentialParts[2], credentialParts[3]);
        signedHeaders = headers.Split(';');
        signature = sig;
        return true;
    }

    private static string RawPath(HttpRequest request)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            return request.PathBase.Add(request.Path).ToUriComponent();
        }

        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? rawTarget : rawTarget[..query];
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadHeaders(HttpRequest request)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.Select(value => value ?? string.Empty).ToArray();
        }

        return headers;
    }
}
