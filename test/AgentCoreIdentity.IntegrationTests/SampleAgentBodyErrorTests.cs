using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentCoreIdentity.SampleAgent;
using AgentCoreIdentity.SampleAgent.Jobs;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// The plain sample agent's responses to bodies it cannot use: each names the field, the position or the Content-Type,
/// in the same words as the runtime style, and no job starts.
/// </summary>
public class SampleAgentBodyErrorTests : SecretScanningTest
{
    private EmulatorEnvironment _environment = null!;
    private SampleAgentHost _agent = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartServers()
    {
        _environment = await EmulatorEnvironment.StartAsync(Scan);
        var settings = new SampleAgentSettings { Port = 0, ApiKeyProviderName = EmulatorEnvironment.ProviderName };
        _agent = await SampleAgentHost.StartAsync(settings, _environment.Configure, Scan.ConfigureLogging);
        _http = new HttpClient { BaseAddress = _agent.Endpoint };
    }

    [TearDown]
    public async Task StopServers()
    {
        _http.Dispose();
        await _agent.DisposeAsync();
        await _environment.DisposeAsync();
    }

    private async Task<HttpResponseMessage> InvokeAsync(string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "invocations") { Content = content };
        request.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, _environment.IssueToken());
        return await _http.SendAsync(request);
    }

    private async Task<ErrorBody> RejectedAsync(string body, string? contentType = "application/json")
    {
        using var response = await InvokeAsync(body, contentType);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        _environment.Emulator.ReceivedRequests.Should().BeEmpty("a rejected body starts no job");
        return JsonSerializer.Deserialize<ErrorBody>(text, JsonSerializerOptions.Web)!;
    }

    [Test]
    public async Task Malformed_json_names_position()
    {
        var error = await RejectedAsync("{\"prompt\":\"hi\",\n  bad}");

        error.Error.Should().Be("InvalidJson");
        error.Message.Should().StartWith("The request body is not a valid JSON object (InvocationPayload): it is malformed at line 1, byte 2 (JSON path '$')");
    }

    [Test]
    public async Task Wrong_type_names_field()
    {
        var error = await RejectedAsync("""{"worker":5}""");

        error.Error.Should().Be("InvalidJson");
        error.Message.Should().Be(
            "The request body is not a valid JSON object (InvocationPayload): the field 'worker' near line 0, byte 11 (JSON path '$.worker') must be a string.");
    }

    [Test]
    public async Task Wrong_type_position_is_near_value()
    {
        // The value 5 is byte 10; the serializer reports where it stopped reading, the byte after the value.
        var error = await RejectedAsync("""{"prompt":5}""");

        error.Message.Should().Contain("the field 'prompt' near line 0, byte 11 (JSON path '$.prompt') must be a string.");
    }

    [Test]
    public async Task Unknown_field_is_named()
    {
        var error = await RejectedAsync("""{"prompt":"hi","background":true}""");

        error.Error.Should().Be("InvalidJson");
        error.Message.Should().Contain("it has the unknown field 'background' near line 0, byte 28.")
            .And.Contain("The fields are 'prompt', 'repository', 'worker' and 'provider'.");
    }

    [Test]
    public async Task Empty_body_gets_EmptyBody()
    {
        var error = await RejectedAsync(string.Empty);

        error.Error.Should().Be("EmptyBody");
        error.Message.Should().Be("The request body is empty. Send a JSON object (InvocationPayload).");
    }

    [Test]
    public async Task Json_null_is_rejected()
    {
        var error = await RejectedAsync("null");

        error.Error.Should().Be("InvalidJson");
        error.Message.Should().Be("The request body is the JSON literal null. Send a JSON object (InvocationPayload).");
    }

    [Test]
    public async Task Json_without_content_type_is_accepted()
    {
        using var response = await InvokeAsync("""{"prompt":"hi"}""", contentType: null);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Form_content_type_is_named_on_failure()
    {
        var error = await RejectedAsync("prompt=hi", "application/x-www-form-urlencoded");

        error.Error.Should().Be("InvalidJson");
        error.Message.Should().EndWith(
            "The Content-Type header is 'application/x-www-form-urlencoded', but the body must be JSON: send Content-Type: application/json.");
    }

    [Test]
    public async Task Missing_content_type_is_named_on_failure()
    {
        var error = await RejectedAsync("{bad", contentType: null);

        error.Message.Should().EndWith(
            "The request has no Content-Type header, so the body was read as JSON: send it with Content-Type: application/json.");
    }

    [Test]
    public async Task Unknown_worker_names_choices()
    {
        var error = await RejectedAsync("""{"worker":"fiber"}""");

        error.Error.Should().Be("InvalidWorker");
        error.Message.Should().Be("The body field 'worker' must be task, thread, channel, parallel or threadpool; leave it out for task.");
    }

    [Test]
    public async Task Provider_with_space_gets_400_C10()
    {
        var error = await RejectedAsync("""{"provider":"bad name"}""");

        error.Error.Should().Be("InvalidProvider");
        error.Message.Should().Be(
            "The value of the body field 'provider' has the character ' ' at position 3. "
            + "A credential provider name is 1 to 128 characters: letters, digits, '-' and '_'.");
    }

    [Test]
    public async Task Provider_of_129_characters_gets_400_C10()
    {
        var error = await RejectedAsync($$"""{"provider":"{{new string('p', 129)}}"}""");

        error.Error.Should().Be("InvalidProvider");
        error.Message.Should().StartWith("The value of the body field 'provider' is 129 characters long.");
    }

    [Test]
    public async Task Provider_of_128_characters_is_accepted()
    {
        var provider = new string('p', 128);

        using var response = await InvokeAsync($$"""{"provider":"{{provider}}"}""");
        var accepted = (await response.Content.ReadFromJsonAsync<SampleAgentApp.InvocationAccepted>())!;
        var outcome = (await _http.GetFromJsonAsync<JobOutcome>($"jobs/{accepted.JobId}?waitSeconds=30"))!;

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        outcome.Provider.Should().Be(provider);
        outcome.Error!.Code.Should().Be(AgentCoreIdentityErrorCodes.ResourceNotFound, "the name is valid, so the request reaches the service");
    }

    [TestCase("acme", "exactly one '/'")]
    [TestCase("acme/web/extra", "exactly one '/'")]
    [TestCase("", "is empty")]
    [TestCase("/web", "has an empty 'owner'")]
    [TestCase("acme/", "has an empty 'name'")]
    [TestCase("acme/..", "has '..' as its 'name'")]
    [TestCase(".", "exactly one '/'")]
    [TestCase("acme/we b", "the character ' ' in 'name'")]
    [TestCase("ac?me/web", "the character '?' in 'owner'")]
    public async Task Invalid_repository_gets_400(string repository, string reason)
    {
        var error = await RejectedAsync(JsonSerializer.Serialize(new { repository }));

        error.Error.Should().Be("InvalidRepository");
        error.Message.Should().Contain(reason).And.Contain("A repository is 'owner/name'");
    }

    [Test]
    public async Task Long_repository_name_gets_400()
    {
        var error = await RejectedAsync(JsonSerializer.Serialize(new { repository = "acme/" + new string('w', 101) }));

        error.Error.Should().Be("InvalidRepository");
        error.Message.Should().StartWith("The body field 'repository' has 101 characters in its 'name' part.");
    }

    [TestCase("abc")]
    [TestCase("-1")]
    [TestCase("121")]
    public async Task Invalid_wait_seconds_gets_400(string waitSeconds)
    {
        using var response = await _http.GetAsync($"jobs/any?waitSeconds={waitSeconds}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Message.Should()
            .Be("The query parameter waitSeconds must be a whole number of seconds from 0 to 120.");
    }
}
