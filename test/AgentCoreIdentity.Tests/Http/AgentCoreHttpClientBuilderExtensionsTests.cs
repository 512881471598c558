using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace AgentCoreIdentity.Tests.Http;

public class AgentCoreHttpClientBuilderExtensionsTests : SecretScanningTest
{
    private const string SecretAccessKey = "example-secret-access-key";
    private const string Token = "wat-registered";

    [SetUp]
    public void RegisterSecrets()
    {
        Scan.Register(SecretAccessKey, "secret access key");
        Scan.Register(Token, "workload access token");
        Scan.Register(new RecordingDataPlane().ApiKey, "API key");
        Scan.Register("access-token", "OAuth2 access token");
    }

    private static void ConfigureIdentity(AgentCoreIdentityOptions options)
    {
        options.Region = "us-east-1";
        options.Endpoint = new Uri("http://127.0.0.1:9");
        options.Credentials = new BasicAWSCredentials("AKIAEXAMPLEEXAMPLE01", SecretAccessKey);
    }

    [Test]
    public void Handlers_cannot_go_on_identity_client()
    {
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        var identityClient = services.AddAgentCoreIdentity(ConfigureIdentity);

        var addApiKey = () => identityClient.AddAgentCoreApiKey("github-api-key");
        var addPropagation = () => identityClient.AddAgentCoreWorkloadAccessTokenPropagation();
        var addAccessToken = () => identityClient.AddAgentCoreAccessToken(new AccessTokenRequest { ProviderName = "m2m", Flow = OAuth2Flow.M2M });

        addApiKey.Should().Throw<ArgumentException>().WithMessage("*'AgentCoreIdentity' client*");
        addPropagation.Should().Throw<ArgumentException>().WithMessage("*'AgentCoreIdentity' client*");
        addAccessToken.Should().Throw<ArgumentException>().WithMessage("*'AgentCoreIdentity' client*");
    }

    [Test]
    public void Invalid_settings_fail_at_registration()
    {
        var services = new ServiceCollection();
        Scan.AddLogging(services);

        var add = () => services.AddHttpClient("tool").AddAgentCoreApiKey("github-api-key", "X Api Key");

        add.Should().Throw<ArgumentException>().WithParameterName("headerName");
    }

    [Test]
    public void Credential_headers_are_redacted_in_logs()
    {
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddAgentCoreIdentity(ConfigureIdentity);
        services.AddHttpClient("tool")
            .RedactLoggedHeaders(["X-Earlier-Secret"])
            .AddAgentCoreApiKey("github-api-key", "X-Tool-Key")
            .AddAgentCoreWorkloadAccessTokenPropagation();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get("tool");

        options.ShouldRedactHeaderValue("x-tool-key").Should().BeTrue();
        options.ShouldRedactHeaderValue(AgentCoreHeaderNames.IdentityWorkloadAccessToken).Should().BeTrue();
        options.ShouldRedactHeaderValue("X-Earlier-Secret").Should().BeTrue();
        options.ShouldRedactHeaderValue("Accept").Should().BeFalse();
    }

    [Test]
    public void Handler_without_identity_registration_explains_fix()
    {
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddHttpClient("tool").AddAgentCoreApiKey("github-api-key");
        using var provider = services.BuildServiceProvider();

        var create = () => provider.GetRequiredService<IHttpClientFactory>().CreateClient("tool");

        create.Should().Throw<InvalidOperationException>().WithMessage("*AddAgentCoreIdentity*");
    }

    [Test]
    public async Task Registered_handlers_attach_credentials()
    {
        var dataPlane = new RecordingDataPlane();
        var inner = new RecordingInnerHandler();
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddSingleton(new ApiKeyProvider(dataPlane));
        services.AddHttpClient("tool")
            .AddAgentCoreApiKey("github-api-key", "Authorization", "token ")
            .AddAgentCoreWorkloadAccessTokenPropagation()
            .ConfigurePrimaryHttpMessageHandler(() => inner);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("tool");
        var context = new AgentCoreRequestContext { WorkloadAccessToken = Token };

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/").WithAgentCoreContext(context));

        inner.Received[0].Header("Authorization").Should().Be("token " + dataPlane.ApiKey);
        inner.Received[0].Header(AgentCoreHeaderNames.IdentityWorkloadAccessToken).Should().Be(Token);
    }

    [Test]
    public async Task Credential_handlers_run_behind_app_handlers()
    {
        var dataPlane = new RecordingDataPlane();
        var inner = new RecordingInnerHandler();
        var appHandler = new HeaderSnapshotHandler();
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddSingleton(new ApiKeyProvider(dataPlane));
        services.AddHttpClient("tool")
            .AddAgentCoreApiKey("github-api-key")
            .AddAgentCoreWorkloadAccessTokenPropagation()
            .AddHttpMessageHandler(() => appHandler)
            .ConfigurePrimaryHttpMessageHandler(() => inner);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("tool");
        var context = new AgentCoreRequestContext { WorkloadAccessToken = Token };

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/").WithAgentCoreContext(context));

        appHandler.SeenHeaderNames.Should().NotContain(ApiKeyHandler.DefaultHeaderName).And.NotContain(AgentCoreHeaderNames.IdentityWorkloadAccessToken);
        inner.Received[0].Header(ApiKeyHandler.DefaultHeaderName).Should().Be(dataPlane.ApiKey);
        inner.Received[0].Header(AgentCoreHeaderNames.IdentityWorkloadAccessToken).Should().Be(Token);
        var headerRecords = Scan.Logs.GetSnapshot().Where(record => record.Id.Id is 102 or 103).ToArray();
        headerRecords.Should().NotBeEmpty("the factory logs request headers at Trace");
        headerRecords.Should().OnlyContain(record => record.StructuredState!.All(pair => pair.Key != ApiKeyHandler.DefaultHeaderName));
    }

    [Test]
    public async Task Registered_access_token_handler_sends_bearer()
    {
        var dataPlane = new RecordingDataPlane();
        var inner = new RecordingInnerHandler();
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddSingleton(new AccessTokenProvider(dataPlane, new AgentCoreIdentityOptions(), TimeProvider.System, logger: null));
        services.AddHttpClient("inventory")
            .RedactLoggedHeaders(["X-Earlier-Secret"])
            .AddAgentCoreAccessToken(new AccessTokenRequest { ProviderName = "inventory-m2m", Flow = OAuth2Flow.M2M })
            .ConfigurePrimaryHttpMessageHandler(() => inner);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("inventory");
        var context = new AgentCoreRequestContext { WorkloadAccessToken = Token };

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/").WithAgentCoreContext(context));

        inner.Received[0].Header("Authorization").Should().Be("Bearer access-token");
        var options = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get("inventory");
        options.ShouldRedactHeaderValue("Authorization").Should().BeTrue();
    }

    [Test]
    public void Access_token_handler_without_identity_registration_explains_fix()
    {
        var services = new ServiceCollection();
        Scan.AddLogging(services);
        services.AddHttpClient("inventory").AddAgentCoreAccessToken(context => new AccessTokenRequest { ProviderName = "m2m", Flow = OAuth2Flow.M2M });
        using var provider = services.BuildServiceProvider();

        var create = () => provider.GetRequiredService<IHttpClientFactory>().CreateClient("inventory");

        create.Should().Throw<InvalidOperationException>().WithMessage("*AccessTokenProvider*AddAgentCoreIdentity*");
    }

    /// <summary>An app's own handler: it records the header names of each request that passes through it.</summary>
    private sealed class HeaderSnapshotHandler : DelegatingHandler
    {
        public List<string> SeenHeaderNames { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            SeenHeaderNames.AddRange(request.Headers.Select(header => header.Key));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
