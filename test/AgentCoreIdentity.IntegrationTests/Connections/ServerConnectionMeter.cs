using System.Diagnostics.Metrics;
using System.Globalization;

namespace AgentCoreIdentity.IntegrationTests.Connections;

/// <summary>
/// Watches one loopback server port through the metrics that .NET 10 publishes: the connections the Kestrel server
/// on that port accepted (<c>kestrel.active_connections</c>), and the client requests to that port that are inside a
/// <see cref="SocketsHttpHandler"/> (<c>http.client.active_requests</c>), whether they are sent or still wait for a connection.
/// </summary>
/// <remarks>
/// A <see cref="MeterListener"/> receives the measurements of every meter in the process, so two tests that use this class must not run in
/// parallel. NUnit runs the tests of this project one at a time.
/// </remarks>
internal sealed class ServerConnectionMeter : IDisposable
{
    private readonly MeterListener _listener;
    private readonly string _port;
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _requestWaiters = [];
    private int _acceptedConnections;
    private int _openConnections;
    private int _maxOpenConnections;
    private int _activeRequests;

    public ServerConnectionMeter(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _port = server.Port.ToString(CultureInfo.InvariantCulture);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument is { Meter.Name: "Microsoft.AspNetCore.Server.Kestrel", Name: "kestrel.active_connections" }
                    or { Meter.Name: "System.Net.Http", Name: "http.client.active_requests" })
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Connections the server accepted since this meter started.</summary>
    public int AcceptedConnections
    {
        get
        {
            lock (_gate)
            {
                return _acceptedConnections;
            }
        }
    }

    /// <summary>Largest number of connections to the server that were open at the same time.</summary>
    public int MaxOpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _maxOpenConnections;
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> client requests to the server are inside SocketsHttpHandler at once.</summary>
    public Task WaitForActiveRequestsAsync(int count)
    {
        lock (_gate)
        {
            if (_activeRequests >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _requestWaiters.Add((count, reached));
            return reached.Task;
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!IsForServer(tags))
        {
            return;
        }

        lock (_gate)
        {
            if (instrument.Name == "kestrel.active_connections")
            {
                _acceptedConnections += measurement > 0 ? (int)measurement : 0;
                _openConnections += (int)measurement;
                _maxOpenConnections = Math.Max(_maxOpenConnections, _openConnections);
                return;
            }

            _activeRequests += (int)measurement;
            foreach (var waiter in _requestWaiters.Where(waiter => waiter.Count <= _activeRequests).ToArray())
            {
                _requestWaiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }
    }

    private bool IsForServer(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (key == "server.port")
            {
                return Convert.ToString(value, CultureInfo.InvariantCulture) == _port;
            }
        }

        return false;
    }
}
