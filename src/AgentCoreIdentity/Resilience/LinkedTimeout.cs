namespace AgentCoreIdentity.Resilience;

/// <summary>
/// A cancellation token that a <see cref="TimeProvider"/> cancels after a timeout, and that an outer token cancels
/// too. One instance times one call or one attempt. Disposing it stops the timer and unlinks the outer token.
/// </summary>
/// <remarks>
/// A linked <see cref="CancellationTokenSource"/> cannot take a <see cref="TimeProvider"/>, so the outer token is
/// linked by a registration instead. With <see cref="TimeProvider.System"/> the source uses the runtime's own timer,
/// the same as <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>.
/// </remarks>
internal readonly struct LinkedTimeout : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _outerRegistration;
    private readonly CancellationToken _outer;

    private LinkedTimeout(CancellationTokenSource source, CancellationTokenRegistration outerRegistration, CancellationToken outer)
    {
        _source = source;
        _outerRegistration = outerRegistration;
        _outer = outer;
    }

    /// <summary>The token to pass on: cancelled when the timeout expires or <c>outer</c> is cancelled.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether the timeout, and not the outer token, cancelled <see cref="Token"/>.</summary>
    public bool HasExpired => _source.IsCancellationRequested && !_outer.IsCancellationRequested;

    /// <summary>Starts the clock of <paramref name="timeout"/> on <paramref name="time"/>.</summary>
    public static LinkedTimeout Start(TimeSpan timeout, TimeProvider time, CancellationToken outer)
    {
        var source = new CancellationTokenSource(timeout, time);

        // A token that cannot be cancelled returns an empty registration without allocating.
        var registration = outer.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source);
        return new LinkedTimeout(source, registration, outer);
    }

    public void Dispose()
    {
        // The registration goes first: disposing it waits for a running callback, which may still cancel the source.
        _outerRegistration.Dispose();
        _source.Dispose();
    }
}
