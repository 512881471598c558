using AgentCoreIdentity.Emulator;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace AgentCoreIdentity.IntegrationTests.Faults;

public class RetryBehaviourTests : SecretScanningTest
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static AgentCoreRequestContext ContextOf(EmulatorEnvironment environment) =>
        new() { WorkloadAccessToken = environment.IssueToken() };

    [Test]
    public async Task Every_attempt_is_signed_with_current_credentials()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var second = new EmulatorAccessKey { AccessKeyId = "AKIASECONDKEY0000001", SecretAccessKey = Scan.Register("second-secret-access-key", "second secret key") };
        var third = new EmulatorAccessKey { AccessKeyId = "AKIATHIRDKEY00000001", SecretAccessKey = Scan.Register("third-secret-access-key", "third secret key") };
        environment.Emulator.AddAccessKey(second);
        environment.Emulator.AddAccessKey(third);
        var options = environment.CreateOptions();
        options.Retry.BaseDelay = TimeSpan.Zero;
        options.Credentials = new RotatingCredentials(
            new ImmutableCredentials(environment.AccessKey.AccessKeyId, environment.AccessKey.SecretAccessKey, null),
            new ImmutableCredentials(second.AccessKeyId, second.SecretAccessKey, null),
            new ImmutableCredentials(third.AccessKeyId, third.SecretAccessKey, null));
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.Error(503, "ServiceUnavailableException"), times: 2);

        var key = await new ApiKeyProvider(options).GetApiKeyAsync(ContextOf(environment), EmulatorEnvironment.ProviderName).WaitAsync(HangGuard);

        key.Should().Be(environment.ApiKey);
        var requests = environment.Emulator.ReceivedRequests;
        requests.Select(request => request.AccessKeyId).Should().Equal(environment.AccessKey.AccessKeyId, second.AccessKeyId, third.AccessKeyId);
        requests.Should().OnlyContain(request => request.SignatureValid);
        requests.Select(request => request.Signature).Should().OnlyHaveUniqueItems();
        requests.Select(request => request.Fault).Should().Equal("HTTP 503 ServiceUnavailableException", "HTTP 503 ServiceUnavailableException", null);
    }

    [Test]
    public async Task Dependency_injection_client_retries_and_re_signs()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var second = new EmulatorAccessKey { AccessKeyId = "AKIASECONDKEY0000002", SecretAccessKey = Scan.Register("second-secret-access-key", "second secret key") };
        environment.Emulator.AddAccessKey(second);
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddAgentCoreIdentity(options =>
        {
            environment.Configure(options);
            options.Retry.BaseDelay = TimeSpan.Zero;
            options.Credentials = new RotatingCredentials(
                new ImmutableCredentials(environment.AccessKey.AccessKeyId, environment.AccessKey.SecretAccessKey, null),
                new ImmutableCredentials(second.AccessKeyId, second.SecretAccessKey, null));
        });
        await using var serviceProvider = services.BuildServiceProvider();
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.Error(429, "ThrottlingException", "Rate exceeded"));

        var key = await serviceProvider.GetRequiredService<ApiKeyProvider>()
            .GetApiKeyAsync(ContextOf(environment), EmulatorEnvironment.ProviderName)
            .WaitAsync(HangGuard);

        key.Should().Be(environment.ApiKey);
        var requests = environment.Emulator.ReceivedRequests;
        requests.Select(request => request.AccessKeyId).Should().Equal(environment.AccessKey.AccessKeyId, second.AccessKeyId);
        requests.Should().OnlyContain(request => request.SignatureValid);
    }

    [TestCase(400, "ValidationException", typeof(IdentityValidationException))]
    [TestCase(401, "UnauthorizedException", typeof(IdentityUnauthorizedException))]
    [TestCase(403, "AccessDeniedException", typeof(IdentityAccessDeniedException))]
    [TestCase(404, "ResourceNotFoundException", typeof(IdentityResourceNotFoundException))]
    [TestCase(409, "ConflictException", typeof(IdentityServiceException))]
    [TestCase(501, "NotImplemented", typeof(IdentityServiceUnavailableException))]
    public async Task Final_error_is_not_retried(int status, string errorType, Type expected)
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var options = environment.CreateOptions();
        options.Retry.BaseDelay = TimeSpan.Zero;
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.Error(status, errorType), times: int.MaxValue);

        var act = () => new ApiKeyProvider(options).GetApiKeyAsync(ContextOf(environment), EmulatorEnvironment.ProviderName).WaitAsync(HangGuard);

        var error = (await act.Should().ThrowAsync<IdentityServiceException>()).Which;
        error.Should().BeOfType(expected);
        error.Attempts.Should().Be(1);
        error.StatusCode.Should().Be(status);
        error.ServiceErrorCode.Should().Be(errorType);
        environment.Emulator.ReceivedRequests.Should().ContainSingle();
    }

    [Test]
    public async Task Retry_after_sets_the_delay()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var time = new ObservedTimeProvider();
        var options = environment.CreateOptions();
        options.TimeProvider = time;
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.Error(429, "ThrottlingException", "Rate exceeded", TimeSpan.FromSeconds(7)));

        var fetch = new ApiKeyProvider(options).GetApiKeyAsync(ContextOf(environment), EmulatorEnvironment.ProviderName);
        await environment.Emulator.WaitForRequestsAsync(1).WaitAsync(HangGuard);
        var delay = await NextDelayAsync(time, options.Retry);
        time.Advance(delay);
        var key = await fetch.WaitAsync(HangGuard);

        delay.Should().Be(TimeSpan.FromSeconds(7));
        key.Should().Be(environment.ApiKey);
        environment.Emulator.ReceivedRequests.Should().HaveCount(2);
        Scan.Logs.GetSnapshot().Should().Contain(record => record.Id.Id == 2001 && record.Message.Contains("retrying in 7000 ms", StringComparison.Ordinal));
    }

    [Test]
    public async Task Retry_after_beyond_max_delay_stops_retries()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var options = environment.CreateOptions();
        options.Retry.MaxDelay = TimeSpan.FromSeconds(20);
        environment.Emulator.InjectFault(
            "GetResourceApiKey",
            EmulatorFault.Error(429, "ThrottlingException", "Rate exceeded", TimeSpan.FromSeconds(60)),
            times: int.MaxValue);

        var act = () => new ApiKeyProvider(options).GetApiKeyAsync(ContextOf(environment), EmulatorEnvironment.ProviderName).WaitAsync(HangGuard);

        var error = (await act.Should().ThrowAsync<IdentityThrottledException>()).Which;
        error.Attempts.Should().Be(1);
        error.RetryAfter.Should().Be(TimeSpan.FromSeconds(60));
        error.Message.Should().Contain("asked to wait 60 s");
        environment.Emulator.ReceivedRequests.Should().ContainSingle();
        Scan.Logs.GetSnapshot().Should().Contain(record => record.Id.Id == 2002);
    }

    [Test]
    public async Task Total_timeout_ends_call()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var time = new ObservedTimeProvider();
        var options = environment.CreateOptions();
        options.TimeProvider = time;
        options.Retry = new AgentCoreIdentityRetryOptions
        {
            BaseDelay = TimeSpan.Zero,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(15),
        };
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.WaitFor(release.Task), times: int.MaxValue);

        try
        {
            var fetch = new ApiKeyProvider(options).GetApiKeyAsync(ContextOf(environment), EmulatorEnvironment.ProviderName);
            await environment.Emulator.WaitForRequestsAsync(1).WaitAsync(HangGuard);
            time.Advance(TimeSpan.FromSeconds(10));
            await environment.Emulator.WaitForRequestsAsync(2).WaitAsync(HangGuard);
            time.Advance(TimeSpan.FromSeconds(5));

            var act = () => fetch.WaitAsync(HangGuard);

            var error = (await act.Should().ThrowAsync<IdentityTimeoutException>()).Which;
            error.Kind.Should().Be(IdentityTimeoutKind.Total);
            error.Timeout.Should().Be(TimeSpan.FromSeconds(15));
            error.Attempts.Should().Be(2);
            error.Code.Should().Be(AgentCoreIdentityErrorCodes.Timeout);
            error.Message.Should().Contain("total timeout of 15 s").And.Contain("after 2 attempts");
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Test]
    public async Task Caller_cancellation_during_attempt_is_not_wrapped()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.WaitFor(release.Task));
        using var cancellation = new CancellationTokenSource();

        try
        {
            var fetch = new ApiKeyProvider(environment.CreateOptions()).GetApiKeyAsync(ContextOf(environment), EmulatorEnvironment.ProviderName, cancellation.Token);
            await environment.Emulator.WaitForRequestsAsync(1).WaitAsync(HangGuard);
            await cancellation.CancelAsync();

            var act = () => fetch.WaitAsync(HangGuard);

            var error = (await act.Should().ThrowAsync<OperationCanceledException>()).Which;
            error.Should().NotBeAssignableTo<TimeoutException>();
            error.CancellationToken.Should().Be(cancellation.Token, "the caller's own token is cancelled, not a linked timeout");
            environment.Emulator.ReceivedRequests.Should().ContainSingle("a cancelled call is not retried");
            Scan.Logs.GetSnapshot().Should().Contain(record => record.Id.Id == 1004);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    /// <summary>Returns the next timer that is neither the total nor the attempt timeout: the retry delay.</summary>
    private static async Task<TimeSpan> NextDelayAsync(ObservedTimeProvider time, AgentCoreIdentityRetryOptions retry)
    {
        while (true)
        {
            var due = await time.NextTimerAsync().WaitAsync(HangGuard);
            if (due != retry.TotalTimeout && due != retry.AttemptTimeout)
            {
                return due;
            }
        }
    }
}
