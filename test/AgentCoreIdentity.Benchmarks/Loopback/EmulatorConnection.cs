using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace AgentCoreIdentity.Benchmarks.Loopback;

/// <summary>
/// Address, region and access key of the benchmark emulator, passed from the BenchmarkDotNet host process to the
/// benchmark processes it starts through environment variables, which child processes inherit.
/// </summary>
/// <remarks>
/// The access key is random and valid only for this emulator on 127.0.0.1, so it is not an AWS secret.
/// </remarks>
internal sealed record EmulatorConnection(Uri Endpoint, string Region, string AccessKeyId, string SecretAccessKey)
{
    /// <summary>Workload identity that the benchmarks mint workload access tokens for.</summary>
    public const string WorkloadName = "benchmark-agent";

    /// <summary>API-key credential provider that the benchmarks read.</summary>
    public const string ApiKeyProviderName = "benchmark-api-key";

    /// <summary>OAuth2 credential provider that the benchmarks get M2M tokens from.</summary>
    public const string OAuth2ProviderName = "benchmark-m2m";

    private const string EndpointVariable = "AGENTCORE_BENCHMARK_EMULATOR_ENDPOINT";
    private const string RegionVariable = "AGENTCORE_BENCHMARK_EMULATOR_REGION";
    private const string AccessKeyIdVariable = "AGENTCORE_BENCHMARK_EMULATOR_ACCESS_KEY_ID";
    private const string SecretAccessKeyVariable = "AGENTCORE_BENCHMARK_EMULATOR_SECRET_ACCESS_KEY";

    /// <summary>Credentials that the emulator accepts.</summary>
    public AWSCredentials Credentials => new BasicAWSCredentials(AccessKeyId, SecretAccessKey);

    /// <summary>
    /// Reads the connection that <see cref="Publish"/> stored in this process's environment.
    /// </summary>
    /// <exception cref="InvalidOperationException">A variable is missing because the benchmark did not start from <see cref="Program.Main"/>.</exception>
    public static EmulatorConnection FromEnvironment() =>
        new(new Uri(Read(EndpointVariable)), Read(RegionVariable), Read(AccessKeyIdVariable), Read(SecretAccessKeyVariable));

    /// <summary>Stores the connection in this process's environment, for the benchmark processes started after it.</summary>
    public void Publish()
    {
        Environment.SetEnvironmentVariable(EndpointVariable, Endpoint.AbsoluteUri);
        Environment.SetEnvironmentVariable(RegionVariable, Region);
        Environment.SetEnvironmentVariable(AccessKeyIdVariable, AccessKeyId);
        Environment.SetEnvironmentVariable(SecretAccessKeyVariable, SecretAccessKey);
    }

    /// <summary>
    /// Points SDK options at the emulator. Region and credentials are always set, so the AWS default chains never run.
    /// </summary>
    public void Configure(AgentCoreIdentityOptions options)
    {
        options.Endpoint = Endpoint;
        options.Region = Region;
        options.Credentials = Credentials;
    }

    /// <summary>Creates SDK options that point at the emulator.</summary>
    public AgentCoreIdentityOptions CreateOptions()
    {
        var options = new AgentCoreIdentityOptions();
        Configure(options);
        return options;
    }

    /// <summary>
    /// Creates a service provider with <c>AddAgentCoreIdentity</c> pointed at the emulator, as an ASP.NET Core agent
    /// registers the SDK. Nothing is registered for logging or metrics beyond what the SDK adds itself.
    /// </summary>
    public ServiceProvider CreateServiceProvider()
    {
        var services = new ServiceCollection();
        services.AddAgentCoreIdentity(Configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Prints the endpoint and access key id only.</summary>
    public override string ToString() => $"EmulatorConnection {{ Endpoint = {Endpoint}, Region = {Region}, AccessKeyId = {AccessKeyId} }}";

    private static string Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The environment variable {name} is missing. Run the benchmarks with 'dotnet run -c Release --project "
                + "test/AgentCoreIdentity.Benchmarks', whose Main starts the emulator and sets it.");
}
