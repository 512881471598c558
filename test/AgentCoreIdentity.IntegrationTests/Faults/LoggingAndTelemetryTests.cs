using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentCoreIdentity.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentCoreIdentity.IntegrationTests.Faults;

public class LoggingAndTelemetryTests : SecretScanningTest
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Named_client_has_no_factory_logs()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddAgentCoreIdentity(environment.Configure);
        await using var serviceProvider = services.BuildServiceProvider();
        var context = new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() };

        await serviceProvider.GetRequiredService<ApiKeyProvider>().GetApiKeyAsync(context, EmulatorEnvironment.ProviderName).WaitAsync(HangGuard);

        var categories = Scan.Logs.GetSnapshot().Select(record => record.Category).ToArray();
        categories.Should().Contain("AgentCoreIdentity.Calls", "the SDK logs each call itself");
        categories.Should().NotContain(
            category => category!.StartsWith("System.Net.Http.HttpClient.AgentCoreIdentity", StringComparison.Ordinal),
            "IHttpClientFactory's request logging is removed from the named client");
    }

    [Test]
    public async Task Retried_request_logs_no_signature_headers()
    {
        const string SessionToken = "session-token-that-must-not-be-logged";
        await using var environment = await EmulatorEnvironment.StartAsync(Scan, sessionToken: SessionToken);
        var services = new ServiceCollection();
        Scan.AddLogging(services);

        // The factory's request logging is off by default. An application that turns it back on gets these records.
        services.AddAgentCoreIdentity(options =>
        {
            environment.Configure(options);
            options.Retry.BaseDelay = TimeSpan.Zero;
        }).AddDefaultLogger();
        await using var serviceProvider = services.BuildServiceProvider();

        // The second attempt re-sends the request that the first attempt signed. The factory logs its headers at
        // Trace, with raw values in the record's structured state, so the scan fails if the old signature is still on it.
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.Error(503, "ServiceUnavailableException"));
        var context = new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() };

        await serviceProvider.GetRequiredService<ApiKeyProvider>().GetApiKeyAsync(context, EmulatorEnvironment.ProviderName).WaitAsync(HangGuard);

        var headerLogs = Scan.Logs.GetSnapshot().Where(record => record.Id.Id == 102 && record.Category!.EndsWith(".ClientHandler", StringComparison.Ordinal)).ToArray();
        headerLogs.Should().HaveCount(2, "the factory logs the request headers of each attempt at Trace");
        headerLogs.Should().OnlyContain(record => !record.Message.Contains("Authorization", StringComparison.OrdinalIgnoreCase));
        headerLogs.Should().OnlyContain(record => !record.Message.Contains("x-amz-security-token", StringComparison.OrdinalIgnoreCase));
        environment.Emulator.ReceivedRequests.Should().HaveCount(2).And.OnlyContain(request => request.SignatureValid);
    }

    [TestCase("Authorization")]
    [TestCase("X-Amz-Security-Token")]
    [TestCase("X-Amz-Bedrock-AgentCore-Identity-WAT")]
    [TestCase("WorkloadAccessToken")]
    [TestCase("x-amzn-bedrock-agentcore-runtime-workload-accesstoken")]
    public void Named_client_redacts_header(string header)
    {
        var services = new ServiceCollection();
        services.AddAgentCoreIdentity(options => options.Region = "us-east-1");
        using var serviceProvider = services.BuildServiceProvider();

        var factoryOptions = serviceProvider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get("AgentCoreIdentity");

        factoryOptions.ShouldRedactHeaderValue(header).Should().BeTrue();
        factoryOptions.ShouldRedactHeaderValue("Content-Type").Should().BeFalse();
    }

    [Test]
    public async Task Call_logs_start_retry_and_success()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var options = environment.CreateOptions();
        options.Retry.BaseDelay = TimeSpan.Zero;
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.Error(429, "ThrottlingException", "Rate exceeded"));

        await new ApiKeyProvider(options).GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName).WaitAsync(HangGuard);

        var records = Scan.Logs.GetSnapshot().Where(record => record.Category?.StartsWith("AgentCoreIdentity.", StringComparison.Ordinal) == true).ToArray();
        records.Select(record => record.Id.Id).Should().Equal(1001, 2001, 1002);
        records[0].Level.Should().Be(LogLevel.Debug);
        records[1].Level.Should().Be(LogLevel.Warning);
        records[1].Message.Should().Contain("attempt 1 of 3 failed with HTTP 429 ThrottlingException").And.Contain("github-api-key");
        records[1].GetStructuredStateValue("RequestId").Should().NotBeNullOrEmpty().And.NotBe("none");
        records[2].Message.Should().Contain("after 2 attempt(s)");
        records[2].GetStructuredStateValue("DurationMilliseconds").Should().NotBeNull();
    }

    [Test]
    public async Task Workload_call_logs_without_provider()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var options = environment.CreateOptions();
        options.Retry.BaseDelay = TimeSpan.Zero;
        environment.Emulator.InjectFault("GetWorkloadAccessTokenForJWT", EmulatorFault.Error(429, "ThrottlingException", "Rate exceeded"));
        var userJwt = Scan.Register("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsb2cifQ.c2ln", "user JWT");

        var context = await new WorkloadAccessTokenClient(options).GetWorkloadAccessTokenForJwtAsync(EmulatorEnvironment.WorkloadName, userJwt).WaitAsync(HangGuard);
        Scan.Register(context.WorkloadAccessToken!, "workload access token");

        var records = Scan.Logs.GetSnapshot().Where(record => record.Category?.StartsWith("AgentCoreIdentity.", StringComparison.Ordinal) == true).ToArray();
        records.Select(record => record.Id.Id).Should().Equal(1005, 2003, 1006);
        records[0].Message.Should().Be("AgentCore Identity GetWorkloadAccessTokenForJWT starting");
        records[1].Message.Should().StartWith("AgentCore Identity GetWorkloadAccessTokenForJWT: attempt 1 of 3 failed with HTTP 429 ThrottlingException");
        records[2].Message.Should().StartWith("AgentCore Identity GetWorkloadAccessTokenForJWT succeeded in ");
        records.Should().OnlyContain(record => !record.Message.Contains("provider", StringComparison.Ordinal));
        records.Should().OnlyContain(record => record.GetStructuredStateValue("ProviderName") == null);
    }

    [Test]
    public async Task Workload_call_failure_logs_without_provider()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var client = new WorkloadAccessTokenClient(environment.CreateOptions());

        var act = () => client.GetWorkloadAccessTokenAsync("missing-agent");

        var error = (await act.Should().ThrowAsync<IdentityResourceNotFoundException>()).Which;
        var failure = Scan.Logs.GetSnapshot().Should().ContainSingle(record => record.Level == LogLevel.Warning).Which;
        failure.Id.Id.Should().Be(1007);
        failure.Id.Name.Should().Be("IdentityCallFailedWithoutProvider");
        failure.Message.Should().StartWith("AgentCore Identity GetWorkloadAccessToken failed with ACI2002 (service error ResourceNotFoundException, HTTP 404) in ");
        failure.GetStructuredStateValue("RequestId").Should().Be(error.RequestId);
        failure.Exception.Should().BeSameAs(error);
    }

    [Test]
    public async Task Failure_log_has_request_id_and_duration()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var provider = new ApiKeyProvider(environment.CreateOptions());

        var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, "no-such-provider");

        var error = (await act.Should().ThrowAsync<IdentityResourceNotFoundException>()).Which;
        var failure = Scan.Logs.GetSnapshot().Single(record => record.Id.Id == 1003);
        failure.Level.Should().Be(LogLevel.Warning);
        failure.Category.Should().Be("AgentCoreIdentity.Calls");
        failure.GetStructuredStateValue("RequestId").Should().Be(error.RequestId);
        failure.GetStructuredStateValue("ErrorCode").Should().Be(AgentCoreIdentityErrorCodes.ResourceNotFound);
        failure.GetStructuredStateValue("ServiceErrorCode").Should().Be("ResourceNotFoundException");
        failure.GetStructuredStateValue("StatusCode").Should().Be("404");
        failure.GetStructuredStateValue("DurationMilliseconds").Should().NotBeNull();
        failure.Exception.Should().BeSameAs(error);
    }

    [Test]
    public async Task Call_has_one_activity_and_metrics()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var options = environment.CreateOptions();
        options.Retry.BaseDelay = TimeSpan.Zero;
        var activities = new List<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentCoreIdentityDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(activityListener);
        var measurements = new List<(string Instrument, Dictionary<string, object?> Tags)>();
        var retries = new List<long>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AgentCoreIdentityDiagnostics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            measurements.Add((instrument.Name, ToDictionary(tags)));
            if (instrument.Name == AgentCoreIdentityDiagnostics.RetryCounterName)
            {
                retries.Add(value);
            }
        });
        meterListener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Add((instrument.Name, ToDictionary(tags))));
        meterListener.Start();
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.Error(429, "ThrottlingException", "Rate exceeded"), times: int.MaxValue);

        var act = () => new ApiKeyProvider(options).GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName).WaitAsync(HangGuard);

        await act.Should().ThrowAsync<IdentityThrottledException>();
        var activity = activities.Should().ContainSingle("one activity per call, however many attempts").Which;
        activity.OperationName.Should().Be("AgentCoreIdentity.GetResourceApiKey");
        activity.Kind.Should().Be(ActivityKind.Client);
        activity.Status.Should().Be(ActivityStatusCode.Error);
        activity.GetTagItem(AgentCoreIdentityDiagnostics.OperationTag).Should().Be("GetResourceApiKey");
        activity.GetTagItem(AgentCoreIdentityDiagnostics.ProviderTag).Should().Be(EmulatorEnvironment.ProviderName);
        activity.GetTagItem(AgentCoreIdentityDiagnostics.OutcomeTag).Should().Be("failure");
        activity.GetTagItem(AgentCoreIdentityDiagnostics.ErrorCodeTag).Should().Be(AgentCoreIdentityErrorCodes.Throttled);
        activity.GetTagItem("agentcore.identity.attempts").Should().Be(3);

        measurements.Select(measurement => measurement.Instrument).Should().BeEquivalentTo(
        [
            AgentCoreIdentityDiagnostics.RequestCounterName,
            AgentCoreIdentityDiagnostics.DurationHistogramName,
            AgentCoreIdentityDiagnostics.RetryCounterName,
        ]);
        retries.Should().Equal([2L], "the call made three attempts, so two of them were retries");
        foreach (var (_, tags) in measurements)
        {
            tags[AgentCoreIdentityDiagnostics.OperationTag].Should().Be("GetResourceApiKey");
            tags[AgentCoreIdentityDiagnostics.ProviderTag].Should().Be(EmulatorEnvironment.ProviderName);
            tags[AgentCoreIdentityDiagnostics.OutcomeTag].Should().Be("failure");
            tags[AgentCoreIdentityDiagnostics.ErrorCodeTag].Should().Be(AgentCoreIdentityErrorCodes.Throttled);
            tags[AgentCoreIdentityDiagnostics.ServiceErrorCodeTag].Should().Be("ThrottlingException");
        }
    }

    [Test]
    public async Task First_attempt_success_counts_no_retry()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var instruments = new List<string>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AgentCoreIdentityDiagnostics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, _, _, _) => instruments.Add(instrument.Name));
        meterListener.SetMeasurementEventCallback<double>((instrument, _, _, _) => instruments.Add(instrument.Name));
        meterListener.Start();

        await new ApiKeyProvider(environment.CreateOptions())
            .GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName)
            .WaitAsync(HangGuard);

        instruments.Should().BeEquivalentTo([AgentCoreIdentityDiagnostics.RequestCounterName, AgentCoreIdentityDiagnostics.DurationHistogramName]);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            result[key] = value;
        }

        return result;
    }
}
