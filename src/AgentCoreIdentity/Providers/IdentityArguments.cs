namespace AgentCoreIdentity;

/// <summary>Checks arguments against the service model's constraints before any request is sent.</summary>
internal static class IdentityArguments
{
    /// <summary>Checks a credential provider name: 1 to 128 characters of letters, digits, '-' and '_'.</summary>
    public static void CheckProviderName(string? providerName, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(providerName, parameterName);
        CheckPattern(providerName, parameterName, "credential provider name", 1, 128, allowDot: false);
    }

    /// <summary>Checks a workload identity name: 3 to 255 characters of letters, digits, '-', '_' and '.'.</summary>
    public static void CheckWorkloadName(string? workloadName, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(workloadName, parameterName);
        CheckPattern(workloadName, parameterName, "workload identity name", 3, 255, allowDot: true);
    }

    /// <summary>Returns the context's workload access token, or throws before any request when it has none.</summary>
    public static string RequireWorkloadAccessToken(AgentCoreRequestContext context, string operation, string? providerName)
    {
        if (string.IsNullOrWhiteSpace(context.WorkloadAccessToken))
        {
            throw new MissingWorkloadAccessTokenException(operation, providerName, context);
        }

        if (context.WorkloadAccessToken.Length > HeaderValueRules.MaxTokenLength)
        {
            throw new ArgumentException(
                $"The context's workload access token is {context.WorkloadAccessToken.Length} characters long; the maximum is "
                + $"{HeaderValueRules.MaxTokenLength}.",
                nameof(context));
        }

        return context.WorkloadAccessToken;
    }

    private static void CheckPattern(string value, string parameterName, string what, int minLength, int maxLength, bool allowDot)
    {
        if (value.Length < minLength || value.Length > maxLength)
        {
            throw new ArgumentException(
                $"The {what} '{HeaderValueRules.Printable(value)}' is {value.Length} characters long; it must be {minLength} to {maxLength}.",
                parameterName);
        }

        foreach (var c in value)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (allowDot && c == '.');
            if (!valid)
            {
                var allowed = allowDot ? "letters, digits, '-', '_' and '.'" : "letters, digits, '-' and '_'";
                throw new ArgumentException(
                    $"The {what} '{HeaderValueRules.Printable(value)}' contains a character other than {allowed}.",
                    parameterName);
            }
        }
    }
}
