using AgentCoreIdentity.Emulator;
using Microsoft.Extensions.DependencyInjection;

namespace AgentCoreIdentity.Benchmarks.Loopback;

/// <summary>
/// Checks, before anything is measured, that the raw baseline and both SDK set-ups send the same
/// <c>GetResourceApiKey</c> request, as the emulator records it: method, path, content type, body bytes, signed
/// headers and access key, each with a valid signature, and that all three get the stored key back.
/// </summary>
internal static class SameRequestCheck
{
    /// <exception cref="InvalidOperationException">The requests or the returned keys differ; the message names the field.</exception>
    public static async Task RunAsync(BenchmarkEmulator emulator)
    {
        var connection = emulator.Connection;
        var options = connection.CreateOptions();
        var context = await new WorkloadAccessTokenClient(options).GetWorkloadAccessTokenForUserIdAsync(EmulatorConnection.WorkloadName, "check-user");

        using var raw = new RawApiKeyClient(connection);
        await using var services = connection.CreateServiceProvider();
        emulator.Emulator.ClearReceivedRequests();

        var keys = new[]
        {
            await raw.GetApiKeyAsync(RawApiKeyClient.CreateBody(context.WorkloadAccessToken!, EmulatorConnection.ApiKeyProviderName)),
            await new ApiKeyProvider(options).GetApiKeyAsync(context, EmulatorConnection.ApiKeyProviderName),
            await services.GetRequiredService<ApiKeyProvider>().GetApiKeyAsync(context, EmulatorConnection.ApiKeyProviderName),
        };
        if (keys.Any(key => key != emulator.ApiKey))
        {
            throw new InvalidOperationException("A client returned an API key other than the one the emulator stores.");
        }

        var requests = emulator.Emulator.ReceivedRequests;
        if (requests.Count != keys.Length)
        {
            throw new InvalidOperationException($"The emulator received {requests.Count} requests; expected {keys.Length}.");
        }

        var baseline = requests[0];
        foreach (var sdk in requests.Skip(1))
        {
            Require(sdk.SignatureValid && baseline.SignatureValid, "signature validity");
            Require(sdk.Method == baseline.Method, "method");
            Require(sdk.Path == baseline.Path, "path");
            Require(sdk.ContentType == baseline.ContentType, "content type");
            Require(sdk.Body == baseline.Body, "body");
            Require(sdk.AccessKeyId == baseline.AccessKeyId, "access key id");
            Require(sdk.SignedHeaders.SequenceEqual(baseline.SignedHeaders, StringComparer.Ordinal), "signed headers");
        }

        Console.WriteLine(
            $"// The raw client and the SDK send the same {baseline.Method} {baseline.Path} request "
            + $"({baseline.ContentType}, {baseline.Body.Length} body characters, signed headers {string.Join(';', baseline.SignedHeaders)}).");
    }

    // The message names the field only, because the body carries a workload access token.
    private static void Require(bool same, string field)
    {
        if (!same)
        {
            throw new InvalidOperationException($"The raw client and the SDK send GetResourceApiKey requests with different {field}.");
        }
    }
}
