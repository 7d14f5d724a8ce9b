using System.Collections.Immutable;
using Flecs.Core.Results;
using Flecs.Core.Time;

namespace Flecs.Import;

/// <summary>Re-bins a meter's interval readings onto the chain's delivery intervals.</summary>
/// <remarks>
/// <para>
/// Chain intervals are aligned to the Unix epoch: the interval of an instant t (Unix seconds) has index
/// floor(t / (intervalMinutes × 60)). The chain interval length is 1, 5, 15 or 60 minutes.
/// </para>
/// <para>
/// A source interval no longer than the chain interval must lie entirely inside one chain interval;
/// several such readings in one chain interval are summed. A source interval longer than the chain
/// interval must start and end on chain-interval boundaries; its energy is split evenly over the n chain
/// intervals it covers: each gets floor(E / n) mWh, and the remainder E mod n is given 1 mWh at a time to
/// the earliest chain intervals. The split is exact (the parts sum to E) and deterministic. Anything
/// else is <see cref="ImportErrors.RebinMisaligned"/>: energy is never spread by guesswork across a
/// boundary the meter did not measure.
/// </para>
/// <para>
/// Chain intervals no reading touches are absent (a gap is not a zero); a chain interval only partly
/// covered by short readings holds the sum of those readings. Intervals with zero energy are kept,
/// because a reading of zero is a real reading. Import and export are binned independently by the same rule.
/// </para>
/// </remarks>
public static class IntervalRebinner
{
    /// <summary>Re-bins <paramref name="series"/> onto chain intervals of <paramref name="intervalMinutes"/> minutes.</summary>
    /// <param name="series">The meter's readings, ordered by start and not overlapping.</param>
    /// <param name="intervalMinutes">The chain's delivery interval length: 1, 5, 15 or 60.</param>
    /// <returns>One reading per chain interval touched, ordered by interval index; or the first error.</returns>
    public static Result<ImmutableArray<ChainReading>> Rebin(ImportedSeries series, int intervalMinutes)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!IntervalLength.TryCreate(intervalMinutes, out var length))
        {
            return Result<ImmutableArray<ChainReading>>.Fail(ImportErrors.RebinBadIntervalLength, FormattableString.Invariant($"{intervalMinutes} minutes is not a chain interval length (1, 5, 15 or 60)."));
        }

        var chainSeconds = length.Seconds;
        var readings = new List<ChainReading>();
        var previousEnd = long.MinValue;
        foreach (var interval in series.Intervals.AsSpan())
        {
            var at = FormattableString.Invariant($"meter '{series.MeterId}', interval starting {UnixTime.Format(interval.StartUnixSeconds)} ({interval.DurationSeconds} s)");
            if (interval.DurationSeconds <= 0 || interval.ImportMilliwattHours < 0 || interval.ExportMilliwattHours < 0
                || !UnixTime.IsInRange(interval.StartUnixSeconds, interval.DurationSeconds) || interval.StartUnixSeconds < previousEnd)
            {
                return Result<ImmutableArray<ChainReading>>.Fail(ImportErrors.RebinInvalidSeries, $"{at}: readings must have a positive duration and non-negative energy, and be ordered without overlaps.");
            }

            previousEnd = interval.EndUnixSeconds;
            var first = length.IntervalAt(interval.StartUnixSeconds).Index;
            if (interval.DurationSeconds <= chainSeconds)
            {
                if (length.IntervalAt(interval.EndUnixSeconds - 1).Index != first)
                {
                    return Result<ImmutableArray<ChainReading>>.Fail(ImportErrors.RebinMisaligned, FormattableString.Invariant($"{at}: the reading crosses a {intervalMinutes}-minute chain-interval boundary, so its energy cannot be assigned to one chain interval."));
                }

                if (!TryAccumulate(readings, new ChainReading(first, interval.ImportMilliwattHours, interval.ExportMilliwattHours)))
                {
                    return Result<ImmutableArray<ChainReading>>.Fail(ImportErrors.RebinOverflow, $"{at}: the chain interval's total exceeds a 64-bit mWh count.");
                }

                continue;
            }

            if (interval.StartUnixSeconds % chainSeconds != 0 || interval.EndUnixSeconds % chainSeconds != 0)
            {
                return Result<ImmutableArray<ChainReading>>.Fail(ImportErrors.RebinMisaligned, FormattableString.Invariant($"{at}: a reading longer than the {intervalMinutes}-minute chain interval must start and end on chain-interval boundaries."));
            }

            var parts = interval.DurationSeconds / chainSeconds;
            for (long k = 0; k < parts; k++)
            {
                readings.Add(new ChainReading(first + k, Share(interval.ImportMilliwattHours, parts, k), Share(interval.ExportMilliwattHours, parts, k)));
            }
        }

        return readings.ToImmutableArray();
    }

    /// <summary>Part <paramref name="k"/> of <paramref name="total"/> split over <paramref name="parts"/>: the quotient, plus 1 for the first (total mod parts) parts.</summary>
    private static long Share(long total, long parts, long k) => (total / parts) + (k < total % parts ? 1 : 0);

    private static bool TryAccumulate(List<ChainReading> readings, ChainReading reading)
    {
        if (readings.Count > 0 && readings[^1].IntervalIndex == reading.IntervalIndex)
        {
            var last = readings[^1];
            if (reading.ImportMilliwattHours > long.MaxValue - last.ImportMilliwattHours || reading.ExportMilliwattHours > long.MaxValue - last.ExportMilliwattHours)
            {
                return false;
            }

            readings[^1] = new ChainReading(last.IntervalIndex, last.ImportMilliwattHours + reading.ImportMilliwattHours, last.ExportMilliwattHours + reading.ExportMilliwattHours);
            return true;
        }

        readings.Add(reading);
        return true;
    }
}
