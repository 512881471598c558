namespace AgentCoreIdentity.Emulator;

/// <summary>Settings of an <see cref="IdentityEmulator"/>.</summary>
public sealed class IdentityEmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Region that signatures must be scoped to.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Account id used in the ARNs of access-denied messages.</summary>
    public string AccountId { get; set; } = "111122223333";

    /// <summary>Access keys the emulator accepts. Requests signed with any other key are rejected.</summary>
    public IList<EmulatorAccessKey> AccessKeys { get; } = [];

    /// <summary>Clock for signature dates and token expiry.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How far a request's <c>X-Amz-Date</c> may be from the emulator's clock.</summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of the workload access tokens the emulator mints.</summary>
    public TimeSpan WorkloadAccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Time a user-consent session stays open for consent and binding; afterwards polls report it as <c>FAILED</c>.
    /// The default of 10 minutes is the authorization-URL lifetime reported for the real service; AWS does not
    /// document it.
    /// </summary>
    public TimeSpan ConsentSessionLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether to write request and error lines to the console; off by default for in-process use.</summary>
    public bool ConsoleLogging { get; set; }
}
