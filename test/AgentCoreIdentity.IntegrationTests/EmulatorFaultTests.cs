using AgentCoreIdentity.Emulator;

namespace AgentCoreIdentity.IntegrationTests;

public class EmulatorFaultTests : SecretScanningTest
{
    [Test]
    public async Task Unknown_operation_is_rejected()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);

        var act = () => environment.Emulator.InjectFault("GetApiKey", EmulatorFault.ConnectionReset());

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("GetResourceApiKey");
    }

    [Test]
    public async Task Faults_apply_in_order_then_stop()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var options = environment.CreateOptions();
        options.Retry.MaxAttempts = 1;
        var provider = new ApiKeyProvider(options);
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.Error(400, "ValidationException", "first"));
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.Error(404, "ResourceNotFoundException", "second"), times: 2);

        for (var call = 0; call < 3; call++)
        {
            var act = () => provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName);
            await act.Should().ThrowAsync<IdentityServiceException>();
        }

        var key = await provider.GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName);

        key.Should().Be(environment.ApiKey);
        environment.Emulator.ReceivedRequests.Select(request => request.StatusCode).Should().Equal(400, 404, 404, 200);
        environment.Emulator.ReceivedRequests.Select(request => request.ErrorCode).Should().Equal("ValidationException", "ResourceNotFoundException", "ResourceNotFoundException", null);
    }

    [Test]
    public async Task Fault_spares_badly_signed_request()
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        var options = environment.CreateOptions();
        options.Credentials = new Amazon.Runtime.BasicAWSCredentials(environment.AccessKey.AccessKeyId, Scan.Register("wrong-secret-access-key", "wrong secret key"));
        environment.Emulator.InjectFault("GetResourceApiKey", EmulatorFault.ConnectionReset());

        var act = () => new ApiKeyProvider(options).GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = environment.IssueToken() }, EmulatorEnvironment.ProviderName);

        await act.Should().ThrowAsync<RequestSignatureRejectedException>();
        var request = environment.Emulator.ReceivedRequests.Should().ContainSingle().Which;
        request.Fault.Should().BeNull("faults apply only to requests whose signature is valid");
    }

    [Test]
    public async Task Delay_runs_on_emulator_clock()
    {
        // The emulator checks signature dates against this clock, so it starts at the real time.
        var clock = new ObservedTimeProvider(DateTimeOffset.UtcNow);
        var key = new EmulatorAccessKey { AccessKeyId = "AKIADELAYTEST0000001", SecretAccessKey = Scan.Register("delay-test-secret-key", "secret access key") };
        var emulatorOptions = new IdentityEmulatorOptions { TimeProvider = clock };
        emulatorOptions.AccessKeys.Add(key);
        await using var emulator = await IdentityEmulator.StartAsync(emulatorOptions);
        emulator.AddApiKeyProvider("delayed-provider", Scan.Register("delayed-api-key", "API key"));
        emulator.InjectFault("GetResourceApiKey", EmulatorFault.Delayed(TimeSpan.FromSeconds(5)));
        var options = new AgentCoreIdentityOptions
        {
            Endpoint = emulator.Endpoint,
            Region = emulator.Region,
            Credentials = new Amazon.Runtime.BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey),
            LoggerFactory = Scan.LoggerFactory,
        };
        var token = Scan.Register(emulator.IssueWorkloadAccessToken("delayed-agent"), "workload access token");

        var fetch = new ApiKeyProvider(options).GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = token }, "delayed-provider");
        var delay = await clock.NextTimerAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var heldBeforeAdvance = fetch.IsCompleted;
        clock.Advance(delay);
        var apiKey = await fetch.WaitAsync(TimeSpan.FromSeconds(60));

        delay.Should().Be(TimeSpan.FromSeconds(5));
        heldBeforeAdvance.Should().BeFalse("the response waits for the emulator's clock");
        apiKey.Should().Be("delayed-api-key");
        emulator.ReceivedRequests.Single().Fault.Should().Be("delay of 5000 ms");
    }

    [Test]
    public async Task Seed_file_faults_are_injected()
    {
        var directory = Directory.CreateTempSubdirectory("emulator-faults-");
        try
        {
            var path = Path.Combine(directory.FullName, "seed.json");
            await File.WriteAllTextAsync(path, """
                {
                  "workloadIdentities": [{ "name": "seeded-agent" }],
                  "apiKeyCredentialProviders": [{ "name": "seeded-provider", "apiKey": "seeded-api-key" }],
                  "faults": [
                    { "operation": "GetResourceApiKey", "kind": "error", "status": 503, "errorType": "ServiceUnavailableException", "times": 2 },
                    { "operation": "GetResourceApiKey", "kind": "htmlBody" }
                  ]
                }
                """);
            var seed = EmulatorSeed.Load(path);
            var key = new EmulatorAccessKey { AccessKeyId = "AKIASEEDFAULTS000001", SecretAccessKey = Scan.Register("seed-faults-secret-key", "secret access key") };
            var emulatorOptions = new IdentityEmulatorOptions();
            emulatorOptions.AccessKeys.Add(key);
            await using var emulator = await IdentityEmulator.StartAsync(emulatorOptions);
            emulator.Seed(seed);
            var options = new AgentCoreIdentityOptions
            {
                Endpoint = emulator.Endpoint,
                Region = emulator.Region,
                Credentials = new Amazon.Runtime.BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey),
                LoggerFactory = Scan.LoggerFactory,
                Retry = { BaseDelay = TimeSpan.Zero },
            };
            var token = Scan.Register(emulator.IssueWorkloadAccessToken("seeded-agent", "user-1"), "workload access token");

            var act = () => new ApiKeyProvider(options).GetApiKeyAsync(new AgentCoreRequestContext { WorkloadAccessToken = token }, "seeded-provider");

            var error = (await act.Should().ThrowAsync<UnexpectedIdentityResponseException>()).Which;
            error.Attempts.Should().Be(3);
            error.Message.Should().Contain("HTML");
            emulator.ReceivedRequests.Select(request => request.Fault).Should().Equal(
                "HTTP 503 ServiceUnavailableException", "HTTP 503 ServiceUnavailableException", "HTTP 200 HTML body");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestCase("""{ "operation": "GetApiKey", "kind": "connectionReset" }""", "GetApiKey")]
    [TestCase("""{ "operation": "GetResourceApiKey", "kind": "explode" }""", "explode")]
    [TestCase("""{ "operation": "GetResourceApiKey", "kind": "error", "status": 500 }""", "errorType")]
    [TestCase("""{ "operation": "GetResourceApiKey", "kind": "delay" }""", "delayMilliseconds")]
    [TestCase("""{ "operation": "GetResourceApiKey", "kind": "emptyBody", "times": 0 }""", "times 0")]
    public void Invalid_seed_fault_is_rejected(string fault, string named)
    {
        var directory = Directory.CreateTempSubdirectory("emulator-faults-");
        try
        {
            var path = Path.Combine(directory.FullName, "seed.json");
            File.WriteAllText(path, $$"""{ "faults": [ {{fault}} ] }""");

            var act = () => EmulatorSeed.Load(path);

            act.Should().Throw<InvalidDataException>().Which.Message.Should().Contain(named);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
