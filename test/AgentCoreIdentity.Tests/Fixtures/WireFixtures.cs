using System.Text.Json;

namespace AgentCoreIdentity.Tests.Fixtures;

/// <summary>
/// Requests and error responses captured from the official AWS SDK for JavaScript, and a SigV4 known-answer
/// vector computed with AWSSDK.Core and confirmed independently.
/// </summary>
public static class WireFixtures
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "wire-fixtures.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    /// <summary>Returns the captured body of the request whose operation label starts with <paramref name="operation"/>.</summary>
    public static string RequestBody(string operation) => Request(operation).GetProperty("body").GetString()!;

    public static JsonElement Request(string operation) =>
        Root.GetProperty("requests").EnumerateArray().Single(request => request.GetProperty("operation").GetString() == operation);

    public static IEnumerable<JsonElement> ErrorResponses => Root.GetProperty("errorResponses").EnumerateArray();

    public static JsonElement KnownAnswer => Root.GetProperty("sigv4KnownAnswer");
}
