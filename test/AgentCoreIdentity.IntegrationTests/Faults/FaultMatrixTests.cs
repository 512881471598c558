namespace AgentCoreIdentity.IntegrationTests.Faults;

/// <summary>
/// Every fault of <see cref="FaultCase.All"/> against every credential call of <see cref="CredentialCall.All"/>, over
/// real HTTP to the emulator. Each call ends in a retried success or in the expected typed error, and every
/// attempt carries a signature that the emulator verified. Retries wait no time (BaseDelay is zero) and attempt
/// timeouts run on a fake clock that the test advances once the emulator has recorded the held request.
/// </summary>
public class FaultMatrixTests : SecretScanningTest
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    // A wall-clock bound on each call, so that a hang fails the test instead of stalling the run. It is never reached
    // by a passing test and is not a timing assertion.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static IEnumerable<TestCaseData> Matrix() =>
        from column in CredentialCall.All
        from row in FaultCase.All
        select new TestCaseData(column, row).SetName($"{column.Name} with {row.Name}");

    [TestCaseSource(nameof(Matrix))]
    public async Task Fault_ends_in_success_or_typed_error(CredentialCall call, FaultCase fault)
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var time = new ObservedTimeProvider();
        var options = environment.CreateOptions();
        options.TimeProvider = time;
        options.Retry = new AgentCoreIdentityRetryOptions
        {
            MaxAttempts = 3,
            BaseDelay = TimeSpan.Zero,
            AttemptTimeout = AttemptTimeout,
            TotalTimeout = TimeSpan.FromSeconds(40),
        };
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        environment.Emulator.InjectFault(call.Operation, fault.Fault(release.Task), fault.Times);

        try
        {
            var fetch = call.FetchAsync(environment, options, CancellationToken.None);
            if (fault.HangsUntilTimeout)
            {
                await AdvancePastHangingAttemptsAsync(environment, time, fault, fetch);
            }

            if (fault.ExpectedError is null)
            {
                await fetch.WaitAsync(HangGuard);
            }
            else
            {
                var error = await CatchAsync(fetch.WaitAsync(HangGuard));
                error.Should().BeOfType(fault.ExpectedError);
                error.Code.Should().Be(fault.ExpectedCode);
                error.Attempts.Should().Be(fault.ExpectedRequests);
                error.Operation.Should().Be(call.Operation);
                error.Region.Should().Be(environment.Emulator.Region);
                error.StatusCode.Should().Be(fault.ExpectedStatus);
                if (error is IdentityTimeoutException timeout)
                {
                    timeout.Kind.Should().Be(IdentityTimeoutKind.Attempt, "every attempt ran out of its own time, well within the total");
                    timeout.Timeout.Should().Be(AttemptTimeout);
                    timeout.Message.Should().Contain("attempt timeout of 10 s");
                }

                if (fault.ExpectedStatus is not null)
                {
                    error.RequestId.Should().NotBeNullOrEmpty("every emulator response carries x-amzn-RequestId");
                }
            }
        }
        finally
        {
            release.TrySetResult();
        }

        var requests = environment.Emulator.ReceivedRequests.Where(request => request.Operation == call.Operation).ToArray();
        requests.Should().HaveCount(fault.ExpectedRequests);
        requests.Should().OnlyContain(request => request.SignatureValid);
    }

    /// <summary>
    /// Advances the fake clock by the attempt timeout each time the emulator holds a faulted request. The environment
    /// is fresh, so the Nth attempt is the Nth request the emulator records.
    /// </summary>
    private static async Task AdvancePastHangingAttemptsAsync(EmulatorEnvironment environment, ObservedTimeProvider time, FaultCase fault, Task fetch)
    {
        var hanging = Math.Min(fault.Times, fault.ExpectedRequests);
        for (var attempt = 1; attempt <= hanging; attempt++)
        {
            var arrived = environment.Emulator.WaitForRequestsAsync(attempt);
            var first = await Task.WhenAny(arrived, fetch).WaitAsync(HangGuard);
            if (first == fetch)
            {
                return;
            }

            time.Advance(AttemptTimeout);
        }
    }

    private static async Task<IdentityServiceException> CatchAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (IdentityServiceException ex)
        {
            return ex;
        }

        throw new AssertionException("The call succeeded, but a typed error was expected.");
    }
}
