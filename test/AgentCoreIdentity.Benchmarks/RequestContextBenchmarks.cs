using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Benchmarks;

/// <summary>
/// Building the context from the header set of one platform invocation, against the naive alternative of copying
/// every header into a dictionary.
/// </summary>
[MemoryDiagnoser]
public class RequestContextBenchmarks
{
    private HttpRequest _request = null!;

    [GlobalSetup]
    public void CreateRequest()
    {
        var http = new DefaultHttpContext();
        foreach (var (name, value) in PlatformHeaders.Load())
        {
            http.Request.Headers.Append(name, value);
        }

        _request = http.Request;
    }

    /// <summary>What an agent without this SDK might write: every header copied into a case-insensitive dictionary.</summary>
    [Benchmark(Baseline = true)]
    public Dictionary<string, string> CopyEveryHeader()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in _request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        return headers;
    }

    [Benchmark]
    public AgentCoreRequestContext FromHttpRequest() => AgentCoreRequestContext.FromHttpRequest(_request);
}
