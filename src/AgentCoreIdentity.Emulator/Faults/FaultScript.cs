namespace AgentCoreIdentity.Emulator;

/// <summary>
/// Faults queued per operation, each for a number of requests. Requests to an operation take its faults in the
/// order they were added. An operation without faults returns its normal response.
/// </summary>
internal sealed class FaultScript
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Entry>> _queues = new(StringComparer.Ordinal);

    public void Add(string operation, EmulatorFault fault, int times)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(operation, out var queue))
            {
                queue = new Queue<Entry>();
                _queues[operation] = queue;
            }

            queue.Enqueue(new Entry(fault, times));
        }
    }

    /// <summary>Returns the fault for the next request to <paramref name="operation"/>, or <c>null</c> for the normal response.</summary>
    public EmulatorFault? TryTake(string operation)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(operation, out var queue) || queue.Count == 0)
            {
                return null;
            }

            var entry = queue.Peek();
            entry.Remaining--;
            if (entry.Remaining == 0)
            {
                queue.Dequeue();
            }

            return entry.Fault;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queues.Clear();
        }
    }

    private sealed class Entry(EmulatorFault fault, int remaining)
    {
        public EmulatorFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
