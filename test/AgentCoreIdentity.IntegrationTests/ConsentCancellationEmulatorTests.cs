using AgentCoreIdentity.Emulator;
using static AgentCoreIdentity.IntegrationTests.OAuth2Setup;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// Cancels the consent flow of a user who never consents, after one or more polls. The flow ends at once, before the
/// next poll is due, the emulator receives no further poll, and the caller gets <see cref="OperationCanceledException"/>
/// unwrapped.
/// </summary>
public class ConsentCancellationEmulatorTests : SecretScanningTest
{
    private EmulatorEnvironment _environment = null!;
    private ObservedTimeProvider _time = null!;
    private AccessTokenProvider _provider = null!;
    private TimeSpan _interval;

    [SetUp]
    public async Task StartEmulator()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        AddProviders(_environment);
        _time = new ObservedTimeProvider();
        var options = _environment.CreateOptions();
        _interval = options.ConsentPollingInterval;
        _provider = new AccessTokenProvider(options, _time);
    }

    [TearDown]
    public async Task StopEmulator() => await _environment.DisposeAsync();

    private int TokenRequests => _environment.Emulator.ReceivedRequests.Count(request => request.Operation == "GetResourceOauth2Token");

    /// <summary>Starts a consent flow whose callback never opens the authorization URL, so every poll returns IN_PROGRESS.</summary>
    private Task<AccessTokenResult> StartFlow(CancellationToken cancellationToken)
    {
        var context = new AgentCoreRequestContext { WorkloadAccessToken = _environment.IssueToken("user-9"), UserId = "user-9" };
        return _provider.GetAccessTokenAsync(context, UserFederation((_, _) => Task.CompletedTask), cancellationToken);
    }

    /// <summary>Waits until the provider sleeps before poll <paramref name="poll"/>, advances one interval, and waits for the poll to arrive.</summary>
    private async Task AdvanceToPollAsync(int poll)
    {
        await _time.WaitForTimersAsync(poll);
        TokenRequests.Should().Be(poll, "no poll is sent before the interval elapses");
        _time.Advance(_interval);
        await _environment.Emulator.WaitForRequestsAsync(poll + 1);
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task Cancel_between_polls_sends_no_more(int polls)
    {
        using var cancellation = new CancellationTokenSource();

        var task = StartFlow(cancellation.Token);
        for (var poll = 1; poll <= polls; poll++)
        {
            await AdvanceToPollAsync(poll);
        }

        await _time.WaitForTimersAsync(polls + 1);
        await cancellation.CancelAsync();

        var error = (await task.Awaiting(t => t).Should().ThrowAsync<OperationCanceledException>()).Which;
        error.CancellationToken.Should().Be(cancellation.Token);
        task.IsCanceled.Should().BeTrue("the cancellation surfaces unwrapped, so the task ends cancelled, not faulted");
        _time.Advance(10 * _interval);
        TokenRequests.Should().Be(1 + polls, "no poll is sent after cancellation");
        _time.TimersCreated.Should().Be(polls + 1, "no further wait is started");
        _environment.Emulator.ReceivedRequests.Should().OnlyContain(request => request.SignatureValid && request.StatusCode == 200);
    }

    [Test]
    public async Task Cancel_during_poll_sends_no_more()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancellation = new CancellationTokenSource();

        var task = StartFlow(cancellation.Token);
        await AdvanceToPollAsync(poll: 1);
        await _time.WaitForTimersAsync(2);
        _environment.Emulator.InjectFault("GetResourceOauth2Token", EmulatorFault.WaitFor(release.Task));
        _time.Advance(_interval);
        await _environment.Emulator.WaitForRequestsAsync(3);
        await cancellation.CancelAsync();

        var error = (await task.Awaiting(t => t).Should().ThrowAsync<OperationCanceledException>()).Which;
        release.SetResult();
        error.CancellationToken.Should().Be(cancellation.Token);
        task.IsCanceled.Should().BeTrue("the cancellation surfaces unwrapped, so the task ends cancelled, not faulted");
        _time.Advance(10 * _interval);
        TokenRequests.Should().Be(3, "the cancelled poll is the last one");
        _time.TimersCreated.Should().Be(2);
    }
}
