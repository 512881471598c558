using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;

namespace AgentCoreIdentity.IntegrationTests.Runtime;

/// <summary>How <c>MapAgentCoreRuntime</c> words a body it cannot use: the field, the position and the Content-Type.</summary>
public class RuntimeBodyErrorTests : SecretScanningTest
{
    private const string Token = "wat-body-errors-4f1c";

    private RuntimeTestHost _host = null!;

    [SetUp]
    public async Task StartHost()
    {
        Scan.Register(Token, "workload access token");
        _host = await RuntimeTestHost.StartAsync(Scan, app => app.MapAgentCoreRuntime(
            Echo,
            StrictTestJsonContext.Default.EchoRequest,
            StrictTestJsonContext.Default.EchoResponse));
    }

    [TearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private static Task<EchoResponse> Echo(EchoRequest request, AgentCoreRequestContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new EchoResponse(request.Prompt, context.RequestId, context.SessionId, context.WorkloadAccessTokenHeader));

    private async Task<(HttpStatusCode Status, string Error, string Message)> InvokeAsync(string body, string? contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "invocations") { Content = content };
        request.Headers.Add(AgentCoreHeaderNames.WorkloadAccessToken, Token);
        using var response = await _host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return (response.StatusCode, string.Empty, text);
        }

        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, json.RootElement.GetProperty("error").GetString()!, json.RootElement.GetProperty("message").GetString()!);
    }

    [Test]
    public async Task Wrong_type_names_field_and_type()
    {
        var (status, error, message) = await InvokeAsync("""{"prompt":"hi","count":"many"}""", "application/json");

        status.Should().Be(HttpStatusCode.BadRequest);
        error.Should().Be("InvalidJson");
        message.Should().Be(
            "The request body is not a valid JSON object (EchoRequest): the field 'count' near line 0, byte 29 (JSON path '$.count') must be a number.");
    }

    [Test]
    public async Task Malformed_json_names_position()
    {
        var (status, error, message) = await InvokeAsync("{\"prompt\":\"hi\",\n  bad}", "application/json");

        status.Should().Be(HttpStatusCode.BadRequest);
        error.Should().Be("InvalidJson");
        message.Should().StartWith("The request body is not a valid JSON object (EchoRequest): it is malformed at line 1, byte 2 (JSON path '$')");
    }

    [Test]
    public async Task Unknown_field_is_named_with_known_ones()
    {
        var (status, error, message) = await InvokeAsync("""{"prompt":"hi","worker":"thread"}""", "application/json");

        status.Should().Be(HttpStatusCode.BadRequest);
        error.Should().Be("InvalidJson");
        message.Should().Contain("it has the unknown field 'worker' near line 0, byte 24.").And.Contain("The fields are 'prompt' and 'count'.");
    }

    [Test]
    public async Task Form_content_type_is_named_on_failure()
    {
        var (status, _, message) = await InvokeAsync("prompt=hi", "application/x-www-form-urlencoded");

        status.Should().Be(HttpStatusCode.BadRequest);
        message.Should().EndWith(
            "The Content-Type header is 'application/x-www-form-urlencoded', but the body must be JSON: send Content-Type: application/json.");
    }

    [Test]
    public async Task Missing_content_type_is_named_on_failure()
    {
        var (status, error, message) = await InvokeAsync(string.Empty, contentType: null);

        status.Should().Be(HttpStatusCode.BadRequest);
        error.Should().Be("EmptyBody");
        message.Should().Be(
            "The request body is empty. Send a JSON object (EchoRequest). The request has no Content-Type header, so the body was read as JSON: "
            + "send it with Content-Type: application/json.");
    }

    [Test]
    public async Task Json_without_content_type_is_accepted()
    {
        var (status, _, body) = await InvokeAsync("""{"prompt":"hi"}""", contentType: null);

        status.Should().Be(HttpStatusCode.OK, body);
        body.Should().Contain("\"echo\":\"hi\"");
    }

    [Test]
    public async Task Json_content_type_adds_no_note()
    {
        var (_, _, message) = await InvokeAsync("null", "application/problem+json");

        message.Should().Be("The request body is the JSON literal null. Send a JSON object (EchoRequest).");
    }
}

/// <summary>JSON metadata that rejects unknown fields, as the sample agent's payloads do.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(EchoRequest))]
[JsonSerializable(typeof(EchoResponse))]
public sealed partial class StrictTestJsonContext : JsonSerializerContext;
