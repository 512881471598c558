using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Benchmarks;

/// <summary>
/// Diagnostic: the steps of <see cref="AgentCoreRequestContext.FromHttpRequest(HttpRequest)"/> on the platform
/// invocation's headers, timed one at a time, to show where the time of <see cref="RequestContextBenchmarks"/> goes.
/// </summary>
[MemoryDiagnoser]
public class RequestContextStepsBenchmarks
{
    private HeaderDictionary _headers = null!;
    private HttpRequest _request = null!;
    private string[] _names = null!;

    [GlobalSetup]
    public void CreateRequest()
    {
        var http = new DefaultHttpContext();
        foreach (var (name, value) in PlatformHeaders.Load())
        {
            http.Request.Headers.Append(name, value);
        }

        _request = http.Request;
        _headers = (HeaderDictionary)http.Request.Headers;
        _names = [.. _headers.Keys];
    }

    /// <summary>Enumerates the headers and reads each name and value count, as every builder must.</summary>
    [Benchmark]
    public int Enumerate()
    {
        var total = 0;
        foreach (var header in _headers)
        {
            total += header.Key.Length + header.Value.Count;
        }

        return total;
    }

    /// <summary>Classifies the fourteen names by the header allow-list.</summary>
    [Benchmark]
    public int Classify()
    {
        var total = 0;
        foreach (var name in _names)
        {
            total += (int)HeaderClassifier.Classify(name);
        }

        return total;
    }

    /// <summary>The whole context, for comparison with the steps.</summary>
    [Benchmark(Baseline = true)]
    public AgentCoreRequestContext FromHttpRequest() => AgentCoreRequestContext.FromHttpRequest(_request);
}
