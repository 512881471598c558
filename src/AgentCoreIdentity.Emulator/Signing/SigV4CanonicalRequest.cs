using System.Security.Cryptography;
using System.Text;

namespace AgentCoreIdentity.Emulator.Signing;

/// <summary>
/// The parts of a received request that a SigV4 signature covers, and the signature computation itself, written
/// from the SigV4 specification independently of AWSSDK.Core so that a canonicalization bug in either one shows.
/// </summary>
public sealed class SigV4CanonicalRequest
{
    /// <summary>Creates the canonical form of a request.</summary>
    /// <param name="method">HTTP method, such as <c>POST</c>.</param>
    /// <param name="rawPath">Path exactly as sent on the wire (still percent-encoded).</param>
    /// <param name="rawQuery">Query string as sent, without the leading <c>?</c>; empty when there is none.</param>
    /// <param name="headers">Every received header, by name in any letter case, with all of its values.</param>
    /// <param name="signedHeaders">Lower-case names from the <c>SignedHeaders</c> parameter, in its order.</param>
    /// <param name="payloadHash">Lower-case hex SHA-256 of the body that was received.</param>
    public SigV4CanonicalRequest(
        string method,
        string rawPath,
        string rawQuery,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        IReadOnlyList<string> signedHeaders,
        string payloadHash)
    {
        Method = method;
        RawPath = rawPath;
        RawQuery = rawQuery;
        Headers = headers;
        SignedHeaders = signedHeaders;
        PayloadHash = payloadHash;
    }

    /// <summary>HTTP method.</summary>
    public string Method { get; }

    /// <summary>Path as sent on the wire.</summary>
    public string RawPath { get; }

    /// <summary>Query as sent on the wire, without <c>?</c>.</summary>
    public string RawQuery { get; }

    /// <summary>Received headers by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>Lower-case signed header names.</summary>
    public IReadOnlyList<string> SignedHeaders { get; }

    /// <summary>Hex SHA-256 of the received body.</summary>
    public string PayloadHash { get; }

    /// <summary>Returns the lower-case hex SHA-256 of <paramref name="data"/>.</summary>
    public static string HashHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Builds the canonical request text defined by SigV4 for services other than S3.</summary>
    public string ToCanonicalString()
    {
        var builder = new StringBuilder();
        builder.Append(Method).Append('\n');
        builder.Append(CanonicalPath(RawPath)).Append('\n');
        builder.Append(CanonicalQuery(RawQuery)).Append('\n');
        foreach (var name in SignedHeaders)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(name)).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', SignedHeaders)).Append('\n');
        builder.Append(PayloadHash);
        return builder.ToString();
    }

    /// <summary>Computes the hex signature for the given date, scope and secret access key.</summary>
    /// <param name="amzDate">The <c>X-Amz-Date</c> value, <c>yyyyMMddTHHmmssZ</c>.</param>
    /// <param name="scope">Credential scope from the <c>Authorization</c> header.</param>
    /// <param name="secretAccessKey">Secret access key that belongs to the scope's access key id.</param>
    public string ComputeSignature(string amzDate, SigV4Scope scope, string secretAccessKey)
    {
        var stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
            + HashHex(Encoding.UTF8.GetBytes(ToCanonicalString()));

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(scope.Date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private string CanonicalHeaderValue(string name)
    {
        if (!Headers.TryGetValue(name, out var values))
        {
            return string.Empty;
        }

        return string.Join(',', values.Select(CollapseSpaces));
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        var previousWasSpace = false;
        foreach (var c in value.Trim())
        {
            var isSpace = c == ' ';
            if (!(isSpace && previousWasSpace))
            {
                builder.Append(c);
            }

            previousWasSpace = isSpace;
        }

        return builder.ToString();
    }

    // Services other than S3 encode each path segment once more on top of the encoding sent on the wire.
    private static string CanonicalPath(string rawPath)
    {
        if (string.IsNullOrEmpty(rawPath))
        {
            return "/";
        }

        return string.Join('/', rawPath.Split('/').Select(UriEncode));
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return string.Empty;
        }

        var pairs = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (Name: UriEncode(Uri.UnescapeDataString(name.Replace('+', ' '))), Value: UriEncode(Uri.UnescapeDataString(value.Replace('+', ' '))));
            })
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(pair => pair.Name + "=" + pair.Value));
    }

    private static string UriEncode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
