using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentCoreIdentity.Tests.Configuration;

public class OptionsValidationTests
{
    private static IReadOnlyList<string> Failures(Action<AgentCoreIdentityOptions> configure)
    {
        var options = new AgentCoreIdentityOptions { Region = "us-east-1" };
        configure(options);
        return AgentCoreIdentityOptionsValidator.GetFailures(options);
    }

    [Test]
    public void Defaults_are_valid()
    {
        AgentCoreIdentityOptionsValidator.GetFailures(new AgentCoreIdentityOptions()).Should().BeEmpty();
    }

    [Test]
    public void Retry_defaults_match_documentation()
    {
        var retry = new AgentCoreIdentityRetryOptions();

        retry.MaxAttempts.Should().Be(3);
        retry.BaseDelay.Should().Be(TimeSpan.FromSeconds(1));
        retry.MaxDelay.Should().Be(TimeSpan.FromSeconds(20));
        retry.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(10));
        retry.TotalTimeout.Should().Be(TimeSpan.FromSeconds(40));
    }

    [TestCase("us-east-1.evil.com")]
    [TestCase("US-EAST-1")]
    [TestCase("useast1")]
    public void Invalid_region_is_named(string region)
    {
        Failures(options => options.Region = region).Should().ContainSingle().Which.Should().Contain($"Region '{region}'");
    }

    [TestCase("http://example.com", "plain http")]
    [TestCase("ftp://127.0.0.1", "absolute http or https")]
    [TestCase("https://127.0.0.1/?q=1", "query")]
    public void Invalid_endpoint_is_named(string endpoint, string reason)
    {
        Failures(options => options.Endpoint = new Uri(endpoint)).Should().ContainSingle().Which.Should().Contain("Endpoint").And.Contain(reason);
    }

    [Test]
    public void Endpoint_with_fips_is_rejected()
    {
        Failures(options =>
        {
            options.Endpoint = new Uri("https://identity.example.com");
            options.UseFipsEndpoint = true;
        }).Should().ContainSingle().Which.Should().Contain("UseFipsEndpoint");
    }

    [Test]
    public void Loopback_http_endpoint_is_valid()
    {
        Failures(options => options.Endpoint = new Uri("http://127.0.0.1:8090")).Should().BeEmpty();
    }

    [TestCase(0, "Retry.MaxAttempts")]
    [TestCase(11, "Retry.MaxAttempts")]
    public void Max_attempts_outside_range_is_named(int attempts, string name)
    {
        Failures(options => options.Retry.MaxAttempts = attempts).Should().ContainSingle().Which.Should().Contain(name);
    }

    [Test]
    public void Invalid_delays_and_timeouts_are_named()
    {
        var failures = Failures(options =>
        {
            options.Retry.MaxDelay = TimeSpan.FromMinutes(10);
            options.Retry.BaseDelay = TimeSpan.FromSeconds(-1);
            options.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(1);
            options.Retry.TotalTimeout = TimeSpan.FromDays(2);
        });

        failures.Should().HaveCount(4);
        failures.Should().Contain(failure => failure.StartsWith("Retry.MaxDelay", StringComparison.Ordinal));
        failures.Should().Contain(failure => failure.StartsWith("Retry.BaseDelay", StringComparison.Ordinal));
        failures.Should().Contain(failure => failure.StartsWith("Retry.AttemptTimeout", StringComparison.Ordinal));
        failures.Should().Contain(failure => failure.StartsWith("Retry.TotalTimeout", StringComparison.Ordinal));
    }

    [Test]
    public void Total_timeout_shorter_than_attempt_is_rejected()
    {
        Failures(options =>
        {
            options.Retry.AttemptTimeout = TimeSpan.FromSeconds(30);
            options.Retry.TotalTimeout = TimeSpan.FromSeconds(10);
        }).Should().ContainSingle().Which.Should().Contain("shorter than Retry.AttemptTimeout");
    }

    [Test]
    public void Non_positive_consent_settings_are_named()
    {
        var failures = Failures(options =>
        {
            options.ConsentPollingInterval = TimeSpan.Zero;
            options.ConsentTimeout = TimeSpan.FromSeconds(-1);
        });

        failures.Should().HaveCount(2);
        failures.Should().Contain(failure => failure.StartsWith("ConsentPollingInterval is", StringComparison.Ordinal));
        failures.Should().Contain(failure => failure.StartsWith("ConsentTimeout is", StringComparison.Ordinal));
    }

    [Test]
    public void Max_connections_default_is_no_limit()
    {
        new AgentCoreIdentityOptions().MaxConnectionsPerServer.Should().BeNull();
    }

    [TestCase(1)]
    [TestCase(int.MaxValue)]
    public void Max_connections_of_one_or_more_is_valid(int limit)
    {
        Failures(options => options.MaxConnectionsPerServer = limit).Should().BeEmpty();
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void Max_connections_below_one_is_named(int limit)
    {
        Failures(options => options.MaxConnectionsPerServer = limit)
            .Should().ContainSingle().Which.Should().Be($"MaxConnectionsPerServer is {limit}; it must be at least 1, or null for no limit.");
    }

    [Test]
    public void Max_connections_is_listed_with_other_problems()
    {
        var failures = Failures(options =>
        {
            options.MaxConnectionsPerServer = 0;
            options.Retry.MaxAttempts = 0;
        });

        failures.Should().HaveCount(2);
        failures.Should().Contain(failure => failure.StartsWith("MaxConnectionsPerServer is 0", StringComparison.Ordinal));
        failures.Should().Contain(failure => failure.StartsWith("Retry.MaxAttempts is 0", StringComparison.Ordinal));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void Max_connections_below_one_fails_start_up(int limit)
    {
        var services = new ServiceCollection();
        services.AddAgentCoreIdentity(options =>
        {
            options.Region = "us-east-1";
            options.MaxConnectionsPerServer = limit;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain($"MaxConnectionsPerServer is {limit}");
    }

    [TestCase("0")]
    [TestCase("-3")]
    public void Configured_max_connections_below_one_fails(string limit)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Region"] = "us-east-1", ["MaxConnectionsPerServer"] = limit })
            .Build();
        var services = new ServiceCollection();
        services.AddAgentCoreIdentity(configuration);
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain($"MaxConnectionsPerServer is {limit}");
    }

    [Test]
    public void Standalone_provider_rejects_max_connections_below_one()
    {
        var act = () => new ApiKeyProvider(new AgentCoreIdentityOptions { Region = "us-east-1", MaxConnectionsPerServer = 0 });

        var error = act.Should().Throw<AgentCoreIdentityException>().Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.Configuration);
        error.Message.Should().Contain("MaxConnectionsPerServer is 0");
    }

    [TestCase(null, int.MaxValue)]
    [TestCase(8, 8)]
    public void Primary_handler_applies_max_connections(int? limit, int expected)
    {
        var factory = new IdentityClientFactory(new AgentCoreIdentityOptions { Region = "us-east-1", MaxConnectionsPerServer = limit });

        using var handler = factory.CreatePrimaryHandler();

        var transport = ((DelegatingHandler)handler).InnerHandler.Should().BeOfType<SocketsHttpHandler>().Which;
        transport.MaxConnectionsPerServer.Should().Be(expected, "null keeps the SocketsHttpHandler default, which sets no limit");
    }

    [Test]
    public void Null_retry_is_rejected()
    {
        Failures(options => options.Retry = null!).Should().ContainSingle().Which.Should().Be("Retry must not be null.");
    }

    [Test]
    public void Standalone_provider_rejects_invalid_options()
    {
        var act = () => new ApiKeyProvider(new AgentCoreIdentityOptions { Region = "us-east-1/", Retry = { MaxAttempts = 0 } });

        var error = act.Should().Throw<AgentCoreIdentityException>().Which;
        error.Code.Should().Be(AgentCoreIdentityErrorCodes.Configuration);
        error.Message.Should().Contain("Region 'us-east-1/'").And.Contain("Retry.MaxAttempts is 0");
    }

    [Test]
    public void Start_up_validation_names_the_setting()
    {
        var services = new ServiceCollection();
        services.AddAgentCoreIdentity(options => options.Region = "EU-WEST-1");
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Region 'EU-WEST-1'");
    }

    [Test]
    public void Configuration_section_binds_options()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AgentCoreIdentity:Region"] = "eu-west-1",
                ["AgentCoreIdentity:Endpoint"] = "http://127.0.0.1:8090",
                ["AgentCoreIdentity:Retry:MaxAttempts"] = "5",
                ["AgentCoreIdentity:Retry:AttemptTimeout"] = "00:00:03",
                ["AgentCoreIdentity:Retry:TotalTimeout"] = "00:00:30",
                ["AgentCoreIdentity:MaxConnectionsPerServer"] = "16",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddAgentCoreIdentity(configuration.GetSection(AgentCoreIdentityOptions.ConfigurationSectionName));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AgentCoreIdentityOptions>>().Value;

        options.Region.Should().Be("eu-west-1");
        options.Endpoint.Should().Be(new Uri("http://127.0.0.1:8090"));
        options.Retry.MaxAttempts.Should().Be(5);
        options.Retry.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(3));
        options.Retry.TotalTimeout.Should().Be(TimeSpan.FromSeconds(30));
        options.MaxConnectionsPerServer.Should().Be(16);
        options.Retry.BaseDelay.Should().Be(TimeSpan.FromSeconds(1), "unset keys keep their defaults");
    }

    [Test]
    public void Invalid_configuration_fails_at_start_up()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Region"] = "us-east-1", ["Retry:MaxAttempts"] = "99" })
            .Build();
        var services = new ServiceCollection();
        services.AddAgentCoreIdentity(configuration);
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Retry.MaxAttempts is 99");
    }

    [Test]
    public void Second_registration_adds_options_only()
    {
        var once = new ServiceCollection();
        once.AddAgentCoreIdentity(options => options.Region = "us-east-1");
        var twice = new ServiceCollection();
        twice.AddAgentCoreIdentity(options => options.Region = "us-east-1");

        twice.AddAgentCoreIdentity(options => options.Retry.MaxAttempts = 4);
        using var onceProvider = once.BuildServiceProvider();
        using var twiceProvider = twice.BuildServiceProvider();

        HandlerActions(twiceProvider).Should().Be(HandlerActions(onceProvider), "the handlers of the named client are added once");
        twice.Count(descriptor => descriptor.ServiceType == typeof(IdentityClientFactory)).Should().Be(1);
        var options = twiceProvider.GetRequiredService<IOptions<AgentCoreIdentityOptions>>().Value;
        options.Region.Should().Be("us-east-1");
        options.Retry.MaxAttempts.Should().Be(4);
    }

    private static int HandlerActions(IServiceProvider provider) =>
        provider.GetRequiredService<IOptionsMonitor<Microsoft.Extensions.Http.HttpClientFactoryOptions>>()
            .Get("AgentCoreIdentity")
            .HttpMessageHandlerBuilderActions.Count;

    [Test]
    public void Registration_uses_try_add_and_system_clock()
    {
        var services = new ServiceCollection();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(clock);

        services.AddAgentCoreIdentity(options => options.Region = "us-east-1");
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(clock, "TryAdd keeps a clock registered earlier");
        new ServiceCollection().AddAgentCoreIdentity().Services.BuildServiceProvider().GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
    }
}
