using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace AgentCoreIdentity;

/// <summary>
/// Checks inbound header values. Every failure names the header and the broken rule, never the value, because
/// many of these headers carry secrets.
/// </summary>
internal static class HeaderValueRules
{
    /// <summary>Maximum length of a workload access token or user JWT, from the service model.</summary>
    public const int MaxTokenLength = 131_072;

    /// <summary>Minimum length of a runtime session id (<c>runtimeSessionId</c> in InvokeAgentRuntime).</summary>
    public const int MinSessionIdLength = 33;

    /// <summary>Maximum length of a runtime session id.</summary>
    public const int MaxSessionIdLength = 256;

    /// <summary>Maximum length of a request id; the platform sends GUIDs.</summary>
    public const int MaxRequestIdLength = 256;

    /// <summary>Maximum length of a user id (<c>UserIdType</c> in the service model).</summary>
    public const int MaxUserIdLength = 128;

    /// <summary>Maximum length of an OAuth2 return URL (<c>resourceOauth2ReturnUrl</c> in the service model).</summary>
    public const int MaxCallbackUrlLength = 2048;

    /// <summary>
    /// Returns the one value of a header that must appear once, without surrounding spaces or tabs, after checking
    /// that it is present, not empty, within <paramref name="maxLength"/>, and made of visible ASCII.
    /// </summary>
    public static string ReadSingle(string headerName, StringValues values, int maxLength, bool allowSpaces)
    {
        if (values.Count > 1)
        {
            throw new InvalidRequestHeaderException(
                headerName,
                $"it appears {values.Count.ToString(CultureInfo.InvariantCulture)} times. Send it once.");
        }

        var value = TrimOptionalWhitespace(values.Count == 0 ? null : values[0]);
        CheckToken(headerName, value, maxLength, allowSpaces);
        return value!;
    }

    /// <summary>
    /// Checks a single value: present, not empty, within <paramref name="maxLength"/>, visible ASCII only, and free
    /// of spaces unless <paramref name="allowSpaces"/>.
    /// </summary>
    public static void CheckToken(string headerName, string? value, int maxLength, bool allowSpaces)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidRequestHeaderException(headerName, "it is present but empty. Send a value or leave the header out.");
        }

        if (value.Length > maxLength)
        {
            throw new InvalidRequestHeaderException(
                headerName,
                $"it is {value.Length.ToString(CultureInfo.InvariantCulture)} characters long; the maximum is "
                + $"{maxLength.ToString(CultureInfo.InvariantCulture)}.");
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < ' ' || c == '\u007f')
            {
                throw new InvalidRequestHeaderException(
                    headerName,
                    $"it contains a control character (such as CR or LF) at position {i.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (c > '~')
            {
                throw new InvalidRequestHeaderException(
                    headerName,
                    $"it contains a character outside visible ASCII at position {i.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (c == ' ' && !allowSpaces)
            {
                throw new InvalidRequestHeaderException(
                    headerName,
                    $"it contains a space at position {i.ToString(CultureInfo.InvariantCulture)}; this value is a single token.");
            }
        }
    }

    /// <summary>
    /// Joins the values of a forwarded header with <c>", "</c>, as HTTP combines repeated fields, after checking that
    /// none contains a control character that could split a header line when forwarded.
    /// </summary>
    public static string JoinForwarded(string headerName, StringValues values)
    {
        if (values.Count == 1)
        {
            var single = TrimOptionalWhitespace(values[0]) ?? string.Empty;
            CheckNoControlCharacters(headerName, single);
            return single;
        }

        var builder = new StringBuilder();
        foreach (var raw in values)
        {
            var value = TrimOptionalWhitespace(raw) ?? string.Empty;
            CheckNoControlCharacters(headerName, value);
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            builder.Append(value);
        }

        return builder.ToString();
    }

    /// <summary>Appends more values to a forwarded header that appeared earlier under another letter case.</summary>
    public static string AppendForwarded(string headerName, string existing, StringValues values) =>
        existing + ", " + JoinForwarded(headerName, values);

    /// <summary>Checks that a header name is an HTTP token (RFC 9110 section 5.6.2).</summary>
    public static void CheckName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidRequestHeaderException("(empty)", "a header name is empty.");
        }

        for (var i = 0; i < name.Length; i++)
        {
            // A leading colon marks an HTTP/2 pseudo-header such as ":authority".
            if (!IsTokenCharacter(name[i]) && !(i == 0 && name[i] == ':' && name.Length > 1))
            {
                throw new InvalidRequestHeaderException(
                    Printable(name),
                    "the name contains a character that HTTP header names cannot contain.");
            }
        }
    }

    /// <summary>Escapes control and non-ASCII characters so a rejected name can be printed safely.</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Length > 100 ? text.AsSpan(0, 100) : text.AsSpan())
        {
            if (c < ' ' || c > '~')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (text.Length > 100)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }

    private static void CheckNoControlCharacters(string headerName, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((c < ' ' && c != '\t') || c == '\u007f')
            {
                throw new InvalidRequestHeaderException(
                    headerName,
                    $"it contains a control character (such as CR or LF) at position {i.ToString(CultureInfo.InvariantCulture)}.");
            }
        }
    }

    private static string? TrimOptionalWhitespace(string? value) => value?.Trim(' ', '\t');

    private static bool IsTokenCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
