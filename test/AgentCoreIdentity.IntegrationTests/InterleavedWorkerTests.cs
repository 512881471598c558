using AgentCoreIdentity.SampleAgent.Jobs;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// Two concurrent invocations, A and B, each hand their context to background work that makes 20 calls through one
/// provider and one HttpClient built at start-up. Every call of A carries A's values and every call of B carries B's.
/// </summary>
public class InterleavedWorkerTests : SecretScanningTest
{
    private const int CallsPerInvocation = 20;

    [TestCase(WorkerKind.Task)]
    [TestCase(WorkerKind.Thread)]
    [TestCase(WorkerKind.Channel)]
    [TestCase(WorkerKind.Parallel)]
    [TestCase(WorkerKind.ThreadPool)]
    public async Task Interleaved_calls_keep_their_context(WorkerKind worker)
    {
        await using var environment = await EmulatorEnvironment.StartAsync(Scan);
        environment.Emulator.AddApiKeyProvider("provider-a", Scan.Register("key-of-provider-a", "API key A"));
        environment.Emulator.AddApiKeyProvider("provider-b", Scan.Register("key-of-provider-b-longer", "API key B"));
        Scan.Register("jwt.of.user-a", "user JWT A");
        Scan.Register("jwt.of.user-b", "user JWT B");
        var options = environment.CreateOptions();
        options.LoggerFactory = Scan.LoggerFactory;
        var apiKeys = new ApiKeyProvider(options);
        var contextA = AgentCoreRequestContext.FromHeaders(
            [new("WorkloadAccessToken", environment.IssueToken("user-a")), new("Authorization", "Bearer jwt.of.user-a")]);
        var contextB = AgentCoreRequestContext.FromHeaders(
            [new("X-Amz-Bedrock-AgentCore-Identity-WAT", environment.IssueToken("user-b")), new("Authorization", "Bearer jwt.of.user-b")]);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<(string Provider, string? UserToken, string Key)>();

        // Both invocations wait at one gate, so that their calls start together and overlap.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<Task> Work(AgentCoreRequestContext context, string provider) => async () =>
        {
            await gate.Task;
            for (var i = 0; i < CallsPerInvocation; i++)
            {
                var key = await apiKeys.GetApiKeyAsync(context, provider);
                seen.Enqueue((provider, context.UserToken, key));
            }
        };

        var runA = BackgroundWorkers.RunAsync(worker, Work(contextA, "provider-a"));
        var runB = BackgroundWorkers.RunAsync(worker, Work(contextB, "provider-b"));
        gate.SetResult();
        await Task.WhenAll(runA, runB);

        var calls = environment.Emulator.ReceivedRequests.Where(call => call.Operation == "GetResourceApiKey").ToArray();
        calls.Should().HaveCount(2 * CallsPerInvocation);
        calls.Should().OnlyContain(call => call.SignatureValid);
        calls.Where(call => call.ProviderName == "provider-a").Should().HaveCount(CallsPerInvocation)
            .And.OnlyContain(call => call.WorkloadAccessToken == contextA.WorkloadAccessToken);
        calls.Where(call => call.ProviderName == "provider-b").Should().HaveCount(CallsPerInvocation)
            .And.OnlyContain(call => call.WorkloadAccessToken == contextB.WorkloadAccessToken);
        seen.Where(call => call.Provider == "provider-a").Should().OnlyContain(call => call.UserToken == "jwt.of.user-a" && call.Key == "key-of-provider-a");
        seen.Where(call => call.Provider == "provider-b").Should().OnlyContain(call => call.UserToken == "jwt.of.user-b" && call.Key == "key-of-provider-b-longer");
    }
}
