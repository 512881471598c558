using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace AgentCoreIdentity;

/// <summary>
/// Credentials that run the AWS SDK default credential chain on first use instead of at start-up, so that a
/// host without credentials starts, and the first call gets a clear error. A failed lookup is retried on the
/// next call; a successful one is kept, and it refreshes itself as the AWS SDK's credentials do.
/// </summary>
internal sealed class DeferredAwsCredentials : AWSCredentials
{
    private readonly Func<AWSCredentials> _resolve;
    private readonly Lock _gate = new();
    private AWSCredentials? _resolved;

    public DeferredAwsCredentials()
        : this(static () => DefaultAWSCredentialsIdentityResolver.GetCredentials())
    {
    }

    internal DeferredAwsCredentials(Func<AWSCredentials> resolve)
    {
        _resolve = resolve;
    }

    public override ImmutableCredentials GetCredentials() => Resolve().GetCredentials();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => Resolve().GetCredentialsAsync();

    private AWSCredentials Resolve()
    {
        var resolved = Volatile.Read(ref _resolved);
        if (resolved is not null)
        {
            return resolved;
        }

        lock (_gate)
        {
            if (_resolved is not null)
            {
                return _resolved;
            }

            try
            {
                _resolved = _resolve();
            }
            catch (AmazonClientException ex)
            {
                throw new AgentCoreIdentityException(
                    AgentCoreIdentityErrorCodes.Configuration,
                    "No AWS credentials were found to sign AgentCore Identity requests. On AgentCore Runtime the "
                    + "execution role supplies them; elsewhere set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                    + "AWS_PROFILE, or AgentCoreIdentityOptions.Credentials.",
                    ex);
            }

            return _resolved;
        }
    }
}
