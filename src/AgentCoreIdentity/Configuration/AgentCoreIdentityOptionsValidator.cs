using Microsoft.Extensions.Options;

namespace AgentCoreIdentity;

/// <summary>
/// Checks <see cref="AgentCoreIdentityOptions"/> at start-up, so that a bad region, endpoint, retry, consent-polling or
/// connection-limit setting fails before the first call. The region and endpoint rules are the ones <see cref="IdentityEndpointResolver"/>
/// applies when it builds the host name.
/// </summary>
internal sealed class AgentCoreIdentityOptionsValidator : IValidateOptions<AgentCoreIdentityOptions>
{
    private const int MaxAttemptsLimit = 10;
    private static readonly TimeSpan MaxDelayLimit = TimeSpan.FromMinutes(5);

    // The documented range of both timeouts. The CancellationTokenSource timers that enforce them accept up to about
    // 49 days, so the one-day upper bound is the SDK's choice, not a limit of the timers.
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, AgentCoreIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = GetFailures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws a configuration error that lists every invalid setting, for use without dependency injection.</summary>
    public static void ThrowIfInvalid(AgentCoreIdentityOptions options)
    {
        var failures = GetFailures(options);
        if (failures.Count > 0)
        {
            throw new AgentCoreIdentityException(
                AgentCoreIdentityErrorCodes.Configuration,
                "Invalid AgentCoreIdentityOptions: " + string.Join(" ", failures));
        }
    }

    /// <summary>Returns one sentence per invalid setting, naming the setting and the rule.</summary>
    public static IReadOnlyList<string> GetFailures(AgentCoreIdentityOptions options)
    {
        var failures = new List<string>();
        CheckRegion(options, failures);
        CheckEndpoint(options, failures);
        CheckRetry(options.Retry, failures);
        CheckConsent(options, failures);
        CheckConnections(options, failures);
        return failures;
    }

    private static void CheckRegion(AgentCoreIdentityOptions options, List<string> failures)
    {
        if (options.Region is { } region && !IdentityEndpointResolver.IsValidRegion(region))
        {
            failures.Add($"Region '{region}' is not a valid AWS region name such as 'us-east-1'.");
        }
    }

    private static void CheckEndpoint(AgentCoreIdentityOptions options, List<string> failures)
    {
        if (options.Endpoint is not { } endpoint)
        {
            return;
        }

        if (IdentityEndpointResolver.ValidateEndpoint(endpoint) is { } problem)
        {
            failures.Add($"Endpoint '{endpoint}' is invalid: {problem}.");
        }

        if (options.UseFipsEndpoint || options.UseDualStackEndpoint)
        {
            failures.Add("Endpoint cannot be combined with UseFipsEndpoint or UseDualStackEndpoint; remove one of them.");
        }
    }

    private static void CheckRetry(AgentCoreIdentityRetryOptions? retry, List<string> failures)
    {
        if (retry is null)
        {
            failures.Add("Retry must not be null.");
            return;
        }

        if (retry.MaxAttempts is < 1 or > MaxAttemptsLimit)
        {
            failures.Add($"Retry.MaxAttempts is {retry.MaxAttempts}; it must be 1 to {MaxAttemptsLimit}.");
        }

        if (retry.MaxDelay < TimeSpan.Zero || retry.MaxDelay > MaxDelayLimit)
        {
            failures.Add($"Retry.MaxDelay is {retry.MaxDelay}; it must be 0 to {MaxDelayLimit}.");
        }

        if (retry.BaseDelay < TimeSpan.Zero || retry.BaseDelay > retry.MaxDelay)
        {
            failures.Add($"Retry.BaseDelay is {retry.BaseDelay}; it must be 0 to Retry.MaxDelay ({retry.MaxDelay}).");
        }

        CheckTimeout("Retry.AttemptTimeout", retry.AttemptTimeout, failures);
        CheckTimeout("Retry.TotalTimeout", retry.TotalTimeout, failures);
        if (retry.TotalTimeout < retry.AttemptTimeout)
        {
            failures.Add($"Retry.TotalTimeout ({retry.TotalTimeout}) is shorter than Retry.AttemptTimeout ({retry.AttemptTimeout}).");
        }
    }

    private static void CheckConsent(AgentCoreIdentityOptions options, List<string> failures)
    {
        if (options.ConsentPollingInterval <= TimeSpan.Zero)
        {
            failures.Add($"ConsentPollingInterval is {options.ConsentPollingInterval}; it must be positive.");
        }

        if (options.ConsentTimeout <= TimeSpan.Zero)
        {
            failures.Add($"ConsentTimeout is {options.ConsentTimeout}; it must be positive.");
        }
    }

    private static void CheckConnections(AgentCoreIdentityOptions options, List<string> failures)
    {
        if (options.MaxConnectionsPerServer is < 1 and var limit)
        {
            failures.Add($"MaxConnectionsPerServer is {limit}; it must be at least 1, or null for no limit.");
        }
    }

    private static void CheckTimeout(string name, TimeSpan value, List<string> failures)
    {
        if (value < MinTimeout || value > MaxTimeout)
        {
            failures.Add($"{name} is {value}; it must be {MinTimeout} to {MaxTimeout}.");
        }
    }
}
