using Amazon.Runtime;

namespace AgentCoreIdentity.IntegrationTests.Faults;

/// <summary>Credentials that hand out the next key of a list on every signing, as rotated role credentials do.</summary>
internal sealed class RotatingCredentials : AWSCredentials
{
    private readonly ImmutableCredentials[] _keys;
    private int _next = -1;

    public RotatingCredentials(params ImmutableCredentials[] keys)
    {
        _keys = keys;
    }

    public override ImmutableCredentials GetCredentials() => _keys[Math.Min(Interlocked.Increment(ref _next), _keys.Length - 1)];

    public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromResult(GetCredentials());
}
