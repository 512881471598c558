using System.Net;
using AgentCoreIdentity.Emulator.Api;
using AgentCoreIdentity.Emulator.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Emulator;

/// <summary>
/// A local AgentCore Identity data plane on 127.0.0.1, served by Kestrel. It verifies the SigV4 signature of every
/// request against its configured access keys, mints and checks emulated workload access tokens, returns stored API
/// keys and OAuth2 tokens, returns errors in the rest-json format, and records every Identity API request it
/// receives. For user consent it runs sessions and a consent page that acts as the identity provider in the user's
/// browser.
/// </summary>
public sealed class IdentityEmulator : IAsyncDisposable
{
    /// <summary>SigV4 signing name that requests must be scoped to.</summary>
    public const string SigningService = "bedrock-agentcore";

    private readonly WebApplication _app;
    private readonly EmulatorStore _store;

    private IdentityEmulator(WebApplication app, EmulatorStore store, IdentityEmulatorOptions options, Uri endpoint)
    {
        _app = app;
        _store = store;
        Region = options.Region;
        AccountId = options.AccountId;
        Endpoint = endpoint;
    }

    /// <summary>Base URI to set as the SDK's endpoint, such as <c>http://127.0.0.1:49152</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Region that signatures must be scoped to.</summary>
    public string Region { get; }

    /// <summary>Account id that appears in ARNs.</summary>
    public string AccountId { get; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> ReceivedRequests => _store.Requests;

    /// <summary>Starts an emulator on 127.0.0.1 and returns once it accepts connections.</summary>
    /// <param name="options">Settings; the defaults pick a free port and region <c>us-east-1</c>.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<IdentityEmulator> StartAsync(IdentityEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new IdentityEmulatorOptions();
        var store = new EmulatorStore(options.TimeProvider, options.WorkloadAccessTokenLifetime, options.ConsentSessionLifetime);
        foreach (var key in options.AccessKeys)
        {
            store.AddAccessKey(key);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(IdentityEmulator).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);

            // ASP.NET Core logs every request URL at Information, and consent URLs are secrets.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

            // A failed start, such as a busy port, reaches the caller, which reports it in one line. Without this
            // filter the host would log it again with a stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));

        var app = builder.Build();
        var verifier = new SigV4Verifier(store.FindAccessKey, options.Region, SigningService, options.TimeProvider, options.AllowedClockSkew);
        var api = new IdentityApi(store, verifier, options.Region, options.AccountId, app.Logger);
        app.Map("/identities/{**operation}", api.HandleAsync);
        app.MapGet(ConsentEndpoint.PathPrefix + "{consentId}", (string consentId) => ConsentEndpoint.Handle(consentId, store));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        store.ConsentBaseAddress = new Uri(address);
        return new IdentityEmulator(app, store, options, new Uri(address));
    }

    /// <summary>Accepts requests signed with <paramref name="key"/>.</summary>
    public void AddAccessKey(EmulatorAccessKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _store.AddAccessKey(key);
    }

    /// <summary>Creates a workload identity that tokens can be minted for.</summary>
    /// <param name="name">Workload identity name.</param>
    /// <param name="allowedReturnUrls">OAuth2 return URLs registered on it.</param>
    public void AddWorkloadIdentity(string name, IEnumerable<string>? allowedReturnUrls = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _store.AddWorkloadIdentity(name, (allowedReturnUrls ?? []).ToArray());
    }

    /// <summary>Creates or replaces an API-key credential provider.</summary>
    public void AddApiKeyProvider(string name, string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        _store.AddApiKeyProvider(name, apiKey);
    }

    /// <summary>Creates or replaces an OAuth2 credential provider.</summary>
    /// <param name="name">Provider name.</param>
    /// <param name="accessToken">Token that every flow of this provider returns.</param>
    /// <param name="upstreamFailureMessage">
    /// When set, token requests for this provider fail with a <c>ValidationException</c> carrying this message, such as
    /// "Error parsing ClientCredentials response".
    /// </param>
    public void AddOAuth2Provider(string name, string accessToken, string? upstreamFailureMessage = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        _store.OAuth2.AddProvider(new SeedOAuth2Provider(name, accessToken, upstreamFailureMessage));
    }

    /// <summary>Returns a consent session by its session URI, or <c>null</c> when there is none.</summary>
    public ConsentSession? FindConsentSession(string sessionUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionUri);
        return _store.OAuth2.Find(sessionUri);
    }

    /// <summary>
    /// Marks a consent session as failed, as when the user denies consent, so that the next poll returns
    /// <c>sessionStatus: FAILED</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session does not exist or is already bound.</exception>
    public void FailConsentSession(string sessionUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionUri);
        if (!_store.OAuth2.TryFail(sessionUri))
        {
            throw new InvalidOperationException($"No consent session '{sessionUri}' that is still open exists.");
        }
    }

    /// <summary>
    /// Mints a workload access token directly, as AgentCore Runtime does for an invocation, without a signed request.
    /// </summary>
    /// <param name="workloadName">Workload identity; it need not be registered.</param>
    /// <param name="userId">End-user id to bind, if any.</param>
    /// <param name="userToken">End-user JWT to bind, if any.</param>
    public string IssueWorkloadAccessToken(string workloadName, string? userId = null, string? userToken = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workloadName);
        return _store.IssueToken(workloadName, userId, userToken);
    }

    /// <summary>Returns what a workload access token stands for, or <c>null</c> when it is unknown or expired.</summary>
    public IssuedWorkloadAccessToken? FindWorkloadAccessToken(string token) => _store.FindToken(token);

    /// <summary>Adds the workload identities and credential providers of a seed.</summary>
    public void Seed(EmulatorSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        foreach (var workload in seed.WorkloadIdentities)
        {
            AddWorkloadIdentity(workload.Name, workload.AllowedResourceOauth2ReturnUrls);
        }

        foreach (var provider in seed.ApiKeyCredentialProviders)
        {
            AddApiKeyProvider(provider.Name, provider.ApiKey);
        }

        foreach (var provider in seed.OAuth2CredentialProviders)
        {
            AddOAuth2Provider(provider.Name, provider.AccessToken, provider.UpstreamFailureMessage);
        }

        foreach (var fault in seed.Faults)
        {
            InjectFault(fault.Operation, fault.ToFault(), fault.Times ?? 1);
        }
    }

    /// <summary>
    /// Injects <paramref name="fault"/> into the next <paramref name="times"/> correctly signed requests to
    /// <paramref name="operation"/>, after any faults already queued for it. For example, two calls of
    /// <c>InjectFault("GetResourceApiKey", EmulatorFault.Error(429, "ThrottlingException"), times: 2)</c> script
    /// "throttle twice, then answer normally".
    /// </summary>
    /// <param name="operation">Operation name, such as <c>GetResourceApiKey</c>.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">Number of requests it applies to; <see cref="int.MaxValue"/> for every request.</param>
    public void InjectFault(string operation, EmulatorFault fault, int times = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        if (!IdentityApi.OperationNames.Contains(operation, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The emulator serves no operation named '{operation}'. Use one of: {string.Join(", ", IdentityApi.OperationNames)}.",
                nameof(operation));
        }

        _store.Faults.Add(operation, fault, times);
    }

    /// <summary>Removes every fault not yet used.</summary>
    public void ClearFaults() => _store.Faults.Clear();

    /// <summary>
    /// Completes once at least <paramref name="count"/> requests have been received and recorded, counting from the
    /// start or from the last <see cref="ClearReceivedRequests"/>. A request with a delay fault is recorded on arrival,
    /// before its response is held.
    /// </summary>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default) =>
        _store.WaitForRequestsAsync(count, cancellationToken);

    /// <summary>Forgets the requests received so far.</summary>
    public void ClearReceivedRequests() => _store.ClearRequests();

    /// <summary>Completes when the host stops, for example on Ctrl+C or SIGTERM.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
