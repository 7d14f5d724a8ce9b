namespace Flecs.Node.Hosting;

/// <summary>
/// A clock for simulations, benchmarks and tests: <see cref="GetUtcNow"/> is a simulated time that only moves
/// forward when told, while timers and elapsed-time measurement stay on the real clock (so block batching keeps
/// working). A node run on it timestamps its blocks with the simulated time: the same code path as production,
/// with simulated days passing in seconds.
/// </summary>
public sealed class SimulationClock : TimeProvider
{
    private long _nowMs;

    /// <summary>Starts the clock at <paramref name="start"/>.</summary>
    public SimulationClock(DateTimeOffset start) => _nowMs = start.ToUnixTimeMilliseconds();

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _nowMs));

    /// <summary>Moves the clock to <paramref name="time"/>; never backwards.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before the current time.</exception>
    public void Set(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        var now = Interlocked.Read(ref _nowMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(ms, now, nameof(time));
        Interlocked.Exchange(ref _nowMs, ms);
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Set(GetUtcNow() + by);
}
