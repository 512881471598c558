using AgentCoreIdentity.Emulator;
using Microsoft.Extensions.DependencyInjection;

namespace AgentCoreIdentity.IntegrationTests.Connections;

/// <summary>
/// <see cref="AgentCoreIdentityOptions.MaxConnectionsPerServer"/> on both ways of building the client. The emulator
/// delays its response to the first request it receives, so a second concurrent call of the same provider either
/// waits for the only connection or opens another one.
/// </summary>
public class ConnectionLimitTests : SecretScanningTest
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>How the test builds the provider, and with it the Identity client.</summary>
    public enum Construction
    {
        PublicConstructor,
        DependencyInjection,
    }

    private EmulatorEnvironment _environment = null!;
    private ServiceProvider? _services;
    private TaskCompletionSource _release = null!;

    [SetUp]
    public async Task StartEmulator()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);

        // The emulator delays its response to the first request it receives until the test releases it.
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.WaitFor(_release.Task));
    }

    [TearDown]
    public async Task StopEmulator()
    {
        // A failed test may leave the request held, which would delay the emulator's shutdown.
        _release.TrySetResult();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _environment.DisposeAsync();
    }

    /// <summary>Creates the provider with its public constructor, or resolves it from a container.</summary>
    private ApiKeyProvider CreateProvider(Construction construction, int? maxConnections)
    {
        if (construction == Construction.PublicConstructor)
        {
            var options = _environment.CreateOptions();
            options.MaxConnectionsPerServer = maxConnections;
            return new ApiKeyProvider(options);
        }

        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddAgentCoreIdentity(options =>
        {
            _environment.Configure(options);
            options.MaxConnectionsPerServer = maxConnections;
        });
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<ApiKeyProvider>();
    }

    private Task<string> GetKeyAsync(ApiKeyProvider provider) =>
        provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = _environment.IssueToken() }, EmulatorEnvironment.ProviderName);

    [TestCase(Construction.PublicConstructor)]
    [TestCase(Construction.DependencyInjection)]
    public async Task Cap_of_one_sends_calls_in_turn(Construction construction)
    {
        using var meter = new ServerConnectionMeter(_environment.Emulator.Endpoint);
        var provider = CreateProvider(construction, maxConnections: 1);

        var calls = new[] { GetKeyAsync(provider), GetKeyAsync(provider) };
        await _environment.Emulator.WaitForRequestsAsync(1).WaitAsync(HangGuard);
        await meter.WaitForActiveRequestsAsync(2).WaitAsync(HangGuard);

        // Both requests are inside the socket handler, and the first one occupies the only connection.
        _environment.Emulator.ReceivedRequests.Should().ContainSingle("the second request waits for the held connection");
        calls.Should().OnlyContain(call => !call.IsCompleted);

        _release.SetResult();
        var keys = await Task.WhenAll(calls).WaitAsync(HangGuard);

        keys.Should().Equal(_environment.ApiKey, _environment.ApiKey);
        var requests = _environment.Emulator.ReceivedRequests;
        requests.Should().HaveCount(2).And.OnlyContain(request => request.SignatureValid && request.StatusCode == 200);
        requests.Select(request => request.Fault).Should().Equal("held response", null);
        meter.AcceptedConnections.Should().Be(1, "the second request reused the first one's connection after its response");
        meter.MaxOpenConnections.Should().Be(1);
    }

    [TestCase(Construction.PublicConstructor)]
    [TestCase(Construction.DependencyInjection)]
    public async Task No_cap_opens_second_connection(Construction construction)
    {
        using var meter = new ServerConnectionMeter(_environment.Emulator.Endpoint);
        var provider = CreateProvider(construction, maxConnections: null);

        var calls = new[] { GetKeyAsync(provider), GetKeyAsync(provider) };

        // The call whose request is not held completes while the other request is still held.
        var first = await Task.WhenAny(calls).WaitAsync(HangGuard);
        _release.Task.IsCompleted.Should().BeFalse();
        (await first).Should().Be(_environment.ApiKey);
        meter.AcceptedConnections.Should().Be(2);
        meter.MaxOpenConnections.Should().Be(2);

        _release.SetResult();
        (await Task.WhenAll(calls).WaitAsync(HangGuard)).Should().Equal(_environment.ApiKey, _environment.ApiKey);

        // Both requests are in flight at once, so the emulator may record either first.
        _environment.Emulator.ReceivedRequests.Select(request => request.Fault).Should().BeEquivalentTo(["held response", null]);
    }
}
