using System.Buffers;
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

    /// <summary>
    /// Maximum length of an <c>Authorization</c> value: a token of <see cref="MaxTokenLength"/> plus room for the
    /// scheme name, so that an oversize bearer token is reported against the token's own limit.
    /// </summary>
    public const int MaxAuthorizationLength = MaxTokenLength + 128;

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

    /// <summary>Number of characters of a rejected header name that an error message prints.</summary>
    private const int MaxPrintedNameLength = 100;

    // Characters that may not appear in a forwarded value: C0 controls other than horizontal tab, and DEL
    // (RFC 9110 section 5.5). CR and LF among them could split a header line when the value is sent on.
    private static readonly SearchValues<char> ForbiddenInForwardedValue = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000a\u000b\u000c\u000d\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    // Header name characters: tchar of RFC 9110 section 5.6.2.
    private static readonly SearchValues<char> TokenCharacters = SearchValues.Create(
        "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

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

        // One vectorized scan finds the first character outside the allowed range; only then is it classified.
        var position = allowSpaces
            ? value.AsSpan().IndexOfAnyExceptInRange(' ', '~')
            : value.AsSpan().IndexOfAnyExceptInRange('!', '~');
        if (position >= 0)
        {
            throw new InvalidRequestHeaderException(headerName, DescribeInvalidCharacter(value[position], position));
        }
    }

    /// <summary>
    /// Returns the value of a forwarded header: a single value without surrounding spaces or tabs, or several values
    /// joined with <c>", "</c> as HTTP combines repeated fields. Fails when a value contains a control character that
    /// could split a header line when forwarded.
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

    /// <summary>
    /// Checks that a header name is an HTTP token (RFC 9110 section 5.6.2), or an HTTP/2 pseudo-header name such as
    /// <c>:authority</c>.
    /// </summary>
    public static void CheckName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidRequestHeaderException("(empty)", "a header name is empty. Send every header with a name.");
        }

        var body = name.Length > 1 && name[0] == ':' ? name.AsSpan(1) : name.AsSpan();
        if (body.ContainsAnyExcept(TokenCharacters))
        {
            throw new InvalidRequestHeaderException(
                Printable(name),
                "the name contains a character that HTTP header names cannot contain, such as a space, a colon or a "
                + "non-ASCII letter. Rename the header.");
        }
    }

    /// <summary>
    /// Escapes control and non-ASCII characters, and shortens the text to 100 characters, so a rejected header name
    /// can be printed safely.
    /// </summary>
    public static string Printable(string text)
    {
        var printed = text.Length > MaxPrintedNameLength ? text.AsSpan(0, MaxPrintedNameLength) : text.AsSpan();
        var builder = new StringBuilder(printed.Length + 3);
        foreach (var c in printed)
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

        if (text.Length > MaxPrintedNameLength)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }

    private static string DescribeInvalidCharacter(char c, int position)
    {
        var at = position.ToString(CultureInfo.InvariantCulture);
        if (c < ' ' || c == '\u007f')
        {
            return $"it contains a control character (such as CR or LF) at position {at}. Send the value on one line.";
        }

        if (c == ' ')
        {
            return $"it contains a space at position {at}; this value is a single token.";
        }

        return $"it contains a character outside visible ASCII at position {at}. Send only ASCII characters.";
    }

    private static void CheckNoControlCharacters(string headerName, string value)
    {
        // Most values are printable ASCII; one vectorized scan proves that, and only a value with some other
        // character is searched for the forbidden ones.
        if (!value.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return;
        }

        var position = value.AsSpan().IndexOfAny(ForbiddenInForwardedValue);
        if (position >= 0)
        {
            throw new InvalidRequestHeaderException(
                headerName,
                $"it contains a control character (such as CR or LF) at position {position.ToString(CultureInfo.InvariantCulture)}. "
                + "Send the value on one line.");
        }
    }

    /// <summary>
    /// Removes leading and trailing spaces and tabs (optional whitespace, RFC 9110 section 5.6.3), returning the same
    /// instance when there are none, so the common case allocates nothing.
    /// </summary>
    private static string? TrimOptionalWhitespace(string? value)
    {
        // Spaces and tabs sort below every visible character, so two comparisons settle the common case.
        if (string.IsNullOrEmpty(value) || (value[0] > ' ' && value[^1] > ' '))
        {
            return value;
        }

        var trimmed = value.AsSpan().Trim(" \t");
        return trimmed.Length == value.Length ? value : trimmed.ToString();
    }
}
