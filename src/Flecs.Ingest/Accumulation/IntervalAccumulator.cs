using System.Collections.Immutable;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Core.Units;
using Flecs.Ingest.Payloads;

namespace Flecs.Ingest.Accumulation;

/// <summary>
/// Turns one meter's cumulative counter samples into energy per chain interval (docs/mqtt-ingest.md#from-counters-to-intervals).
/// </summary>
/// <remarks>
/// <para>
/// Import and export are independent counters, each with its own samples (Shelly Gen1 sends them as separate messages).
/// The first sample of a counter is its baseline only. Between two consecutive samples at times a &lt; b, the
/// counter's difference D is spread over the chain intervals that [a, b) overlaps, in proportion to the
/// milliseconds of overlap, by <see cref="Rounding.SplitProRata"/> (largest remainder): the parts are whole mWh and
/// sum to D exactly, so no energy is created or lost however the samples fall.
/// </para>
/// <para>
/// An interval is complete when every counter seen so far has a sample at or after its end; it is then emitted,
/// once, in ascending order. An interval that a counter does not cover from its start (before the counter's
/// baseline, or across a reset or a gap) is dropped rather than emitted short: the close estimates it. A counter not
/// seen yet counts as 0 (a plug without a return counter). Intervals before <see cref="FirstInterval"/> are dropped.
/// </para>
/// <para>
/// A counter that goes down is a reset (<see cref="IngestErrors.CounterReset"/>) and two samples further apart than
/// the maximum gap are a gap (<see cref="IngestErrors.SampleGap"/>): either way the energy in between is unknown,
/// and the sample becomes a new baseline. A sample not newer than the counter's last is ignored
/// (<see cref="IngestErrors.SampleOutOfOrder"/>), unless it repeats the last sample exactly (a retained message seen
/// again), which is ignored silently. Not thread-safe: one accumulator per meter, used by one caller at a time.
/// </para>
/// </remarks>
public sealed class IntervalAccumulator
{
    private readonly long _intervalMs;
    private readonly long _maxGapMs;
    private readonly CounterTrack _import = new("import");
    private readonly CounterTrack _export = new("export");
    private long? _next;

    /// <summary>Creates an accumulator for one meter.</summary>
    /// <param name="length">The chain's interval length (genesis).</param>
    /// <param name="firstInterval">The meter's registered first interval; earlier intervals are dropped. <see cref="long.MinValue"/> when not known.</param>
    /// <param name="maxGap">The longest time between two samples of a counter whose difference is still spread.</param>
    public IntervalAccumulator(IntervalLength length, long firstInterval, TimeSpan maxGap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxGap, TimeSpan.Zero);
        Length = length;
        FirstInterval = firstInterval;
        _intervalMs = length.Seconds * 1_000;
        _maxGapMs = maxGap.Ticks / TimeSpan.TicksPerMillisecond;
    }

    /// <summary>The chain's interval length.</summary>
    public IntervalLength Length { get; }

    /// <summary>The first interval that may be emitted.</summary>
    public long FirstInterval { get; }

    /// <summary>The next interval to complete; null before the first sample.</summary>
    public long? NextInterval => _next;

    /// <summary>Adds a sample and returns the intervals it completed.</summary>
    /// <param name="sample">A sample with its time (the receive time filled in when the device sent none).</param>
    /// <exception cref="ArgumentException">The sample has no time.</exception>
    public AccumulatorStep Add(CounterSample sample)
    {
        if (sample.Time is not { } time)
        {
            throw new ArgumentException("The sample needs a time: fill in the receive time first.", nameof(sample));
        }

        var ms = time.ToUnixTimeMilliseconds();
        Error? issue = null;
        if (sample.ImportMilliwattHours is { } import)
        {
            issue = Add(_import, ms, import);
        }

        if (sample.ExportMilliwattHours is { } export)
        {
            issue = Add(_export, ms, export) ?? issue;
        }

        return new AccumulatorStep(Emit(), issue);
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && a < 0) ? 1 : 0);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    private Error? Add(CounterTrack track, long ms, long value)
    {
        if (!track.HasBaseline)
        {
            track.Restart(long.MinValue, ms, value);
            _next ??= Math.Max(FloorDiv(ms, _intervalMs), FirstInterval);
            return null;
        }

        if (ms < track.LastMs || (ms == track.LastMs && value != track.LastValue))
        {
            return new Error(IngestErrors.SampleOutOfOrder, FormattableString.Invariant(
                $"The {track.Name} sample at {DateTimeOffset.FromUnixTimeMilliseconds(ms):O} is not after the last one at {DateTimeOffset.FromUnixTimeMilliseconds(track.LastMs):O}; ignored."));
        }

        if (ms == track.LastMs)
        {
            return null;
        }

        if (value < track.LastValue)
        {
            var error = new Error(IngestErrors.CounterReset, FormattableString.Invariant(
                $"The {track.Name} counter went down from {track.LastValue} to {value} mWh at {DateTimeOffset.FromUnixTimeMilliseconds(ms):O}; it is a new baseline and the energy since {DateTimeOffset.FromUnixTimeMilliseconds(track.LastMs):O} is unknown."));
            track.Restart(track.LastMs, ms, value);
            return error;
        }

        if (ms - track.LastMs > _maxGapMs)
        {
            var error = new Error(IngestErrors.SampleGap, FormattableString.Invariant(
                $"The {track.Name} sample at {DateTimeOffset.FromUnixTimeMilliseconds(ms):O} comes {TimeSpan.FromMilliseconds(ms - track.LastMs)} after the last one, more than the {TimeSpan.FromMilliseconds(_maxGapMs)} allowed; it is a new baseline."));
            track.Restart(track.LastMs, ms, value);
            return error;
        }

        Spread(track, track.LastMs, ms, value - track.LastValue);
        track.Advance(ms, value);
        return null;
    }

    /// <summary>Spreads <paramref name="difference"/> over the intervals that [<paramref name="fromMs"/>, <paramref name="toMs"/>) overlaps, pro rata to the overlap.</summary>
    private void Spread(CounterTrack track, long fromMs, long toMs, long difference)
    {
        if (difference == 0)
        {
            return;
        }

        var first = FloorDiv(fromMs, _intervalMs);
        var last = FloorDiv(toMs - 1, _intervalMs);
        var weights = new long[checked((int)(last - first + 1))];
        for (var k = 0; k < weights.Length; k++)
        {
            var start = (first + k) * _intervalMs;
            weights[k] = Math.Min(start + _intervalMs, toMs) - Math.Max(start, fromMs);
        }

        var parts = Rounding.SplitProRata(difference, weights);
        for (var k = 0; k < parts.Length; k++)
        {
            // Intervals before the cursor were emitted (or dropped) already; a counter first seen late adds nothing to them.
            if (first + k >= _next)
            {
                track.AddTo(first + k, parts[k]);
            }
        }
    }

    private ImmutableArray<IntervalReading> Emit()
    {
        ImmutableArray<IntervalReading>.Builder? completed = null;
        while (_next is { } next)
        {
            var start = next * _intervalMs;
            var end = start + _intervalMs;
            if (!_import.Covers(end) || !_export.Covers(end) || (!_import.HasBaseline && !_export.HasBaseline))
            {
                break;
            }

            var resume = Math.Max(_import.FirstFreeAfterHoles(start, end, _intervalMs), _export.FirstFreeAfterHoles(start, end, _intervalMs));
            if (resume > next)
            {
                _next = resume;
                _import.Forget(resume);
                _export.Forget(resume);
                continue;
            }

            completed ??= ImmutableArray.CreateBuilder<IntervalReading>();
            completed.Add(new IntervalReading(next, _import.Take(next), _export.Take(next)));
            _next = next + 1;
        }

        _import.Prune(_next ?? long.MinValue, _intervalMs);
        _export.Prune(_next ?? long.MinValue, _intervalMs);
        return completed?.ToImmutable() ?? [];
    }

    /// <summary>One cumulative counter (import or export): its last sample, the time ranges it did not measure, and the energy spread so far per interval.</summary>
    private sealed class CounterTrack(string name)
    {
        private readonly List<(long FromMs, long ToMs)> _holes = [];
        private readonly Dictionary<long, long> _energy = [];

        public string Name { get; } = name;

        public bool HasBaseline { get; private set; }

        public long LastMs { get; private set; }

        public long LastValue { get; private set; }

        /// <summary>True when the counter is not in use yet, or has a sample at or after <paramref name="endMs"/>.</summary>
        public bool Covers(long endMs) => !HasBaseline || LastMs >= endMs;

        /// <summary>Starts a new baseline; the counter measured nothing in (<paramref name="holeFromMs"/>, <paramref name="ms"/>).</summary>
        public void Restart(long holeFromMs, long ms, long value)
        {
            _holes.Add((holeFromMs, ms));
            HasBaseline = true;
            LastMs = ms;
            LastValue = value;
        }

        public void Advance(long ms, long value)
        {
            LastMs = ms;
            LastValue = value;
        }

        public void AddTo(long interval, long milliwattHours) =>
            _energy[interval] = checked(_energy.GetValueOrDefault(interval) + milliwattHours);

        /// <summary>Removes and returns the energy of <paramref name="interval"/>.</summary>
        public long Take(long interval) => _energy.Remove(interval, out var value) ? value : 0;

        /// <summary>
        /// The first interval at or after the one [<paramref name="startMs"/>, <paramref name="endMs"/>) that no hole overlaps:
        /// that interval itself when none does.
        /// </summary>
        public long FirstFreeAfterHoles(long startMs, long endMs, long intervalMs)
        {
            var resume = FloorDiv(startMs, intervalMs);
            foreach (var (fromMs, toMs) in _holes)
            {
                if (startMs < toMs && endMs > fromMs)
                {
                    resume = Math.Max(resume, CeilDiv(toMs, intervalMs));
                }
            }

            return resume;
        }

        /// <summary>Drops the energy of intervals before <paramref name="next"/> (dropped, never emitted).</summary>
        public void Forget(long next)
        {
            foreach (var interval in _energy.Keys.Where(k => k < next).ToList())
            {
                _energy.Remove(interval);
            }
        }

        /// <summary>Forgets holes that end before the interval <paramref name="next"/> starts.</summary>
        public void Prune(long next, long intervalMs)
        {
            if (next != long.MinValue)
            {
                _holes.RemoveAll(h => h.ToMs <= next * intervalMs);
            }
        }
    }
}
