using System.Diagnostics.CodeAnalysis;

namespace AgentCoreIdentity;

/// <summary>
/// OAuth2 flow of a <c>GetResourceOauth2Token</c> call: one of the three values of the service's
/// <c>Oauth2FlowType</c>. No other instance can exist, so an unsupported flow is rejected before any request.
/// </summary>
public sealed class OAuth2Flow : IEquatable<OAuth2Flow>
{
    private OAuth2Flow(string value)
    {
        Value = value;
    }

    /// <summary>Client-credentials grant: the agent acts as itself, and the token is returned at once.</summary>
    public static OAuth2Flow M2M { get; } = new("M2M");

    /// <summary>
    /// Three-legged flow: the end user consents in a browser once, and AgentCore Identity then keeps the token for
    /// that user in its token vault.
    /// </summary>
    public static OAuth2Flow UserFederation { get; } = new("USER_FEDERATION");

    /// <summary>
    /// Token exchange (RFC 8693) or JWT-bearer grant (RFC 7523) on behalf of the user, as the credential
    /// provider is configured.
    /// </summary>
    public static OAuth2Flow OnBehalfOfTokenExchange { get; } = new("ON_BEHALF_OF_TOKEN_EXCHANGE");

    /// <summary>Every flow the service accepts.</summary>
    public static IReadOnlyList<OAuth2Flow> All { get; } = [M2M, UserFederation, OnBehalfOfTokenExchange];

    /// <summary>Wire value sent as <c>oauth2Flow</c>, such as <c>USER_FEDERATION</c>.</summary>
    public string Value { get; }

    /// <summary>Returns the flow whose wire value is <paramref name="value"/>, compared exactly.</summary>
    /// <param name="value"><c>M2M</c>, <c>USER_FEDERATION</c> or <c>ON_BEHALF_OF_TOKEN_EXCHANGE</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not one of the three.</exception>
    public static OAuth2Flow Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (TryParse(value, out var flow))
        {
            return flow;
        }

        throw new ArgumentException(
            $"The OAuth2 flow '{HeaderValueRules.Printable(value)}' is not supported. Use M2M, USER_FEDERATION or "
            + "ON_BEHALF_OF_TOKEN_EXCHANGE, spelled exactly so.",
            nameof(value));
    }

    /// <summary>Looks up the flow whose wire value is <paramref name="value"/>, compared exactly.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out OAuth2Flow? flow)
    {
        flow = All.FirstOrDefault(candidate => string.Equals(candidate.Value, value, StringComparison.Ordinal));
        return flow is not null;
    }

    /// <inheritdoc />
    public bool Equals(OAuth2Flow? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => Value;
}
