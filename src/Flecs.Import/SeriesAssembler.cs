using System.Collections.Immutable;
using System.Globalization;
using Flecs.Core.Results;

namespace Flecs.Import;

/// <summary>
/// Collects interval readings of several meters, possibly one direction at a time, and builds
/// ordered, non-overlapping series.
/// </summary>
/// <remarks>
/// A reading with exactly the start and duration of an earlier one of the same meter is merged into it
/// when it reports only directions the earlier one did not (Green Button and MSCONS give import and
/// export as separate streams); anything else covering any of the same time is an overlap, found when the
/// later reading (in the order added) is added, which leaves the readings already held unchanged.
/// </remarks>
internal sealed class SeriesAssembler(string overlapCode)
{
    private readonly Dictionary<string, MeterSlots> _meters = new(StringComparer.Ordinal);

    /// <summary>Makes sure the meter has a series, even when no reading follows.</summary>
    public void AddMeter(string meterId) => Slots(meterId);

    /// <summary>Adds a reading; returns an overlap error (and adds nothing) when it covers time an earlier reading of the meter covers.</summary>
    public Error? Add(string meterId, long startUnixSeconds, long durationSeconds, long? importMilliwattHours, long? exportMilliwattHours, string position)
    {
        var meter = Slots(meterId);
        var endUnixSeconds = startUnixSeconds + durationSeconds;
        if (meter.ByStart.TryGetValue(startUnixSeconds, out var same))
        {
            var merges = same.DurationSeconds == durationSeconds
                && !(importMilliwattHours.HasValue && same.ImportMilliwattHours.HasValue)
                && !(exportMilliwattHours.HasValue && same.ExportMilliwattHours.HasValue);
            if (!merges)
            {
                return Overlap(meterId, startUnixSeconds, endUnixSeconds, startUnixSeconds, same, position);
            }

            meter.ByStart[startUnixSeconds] = same with
            {
                ImportMilliwattHours = same.ImportMilliwattHours ?? importMilliwattHours,
                ExportMilliwattHours = same.ExportMilliwattHours ?? exportMilliwattHours,
            };
            return null;
        }

        if (FindOverlap(meter, startUnixSeconds, endUnixSeconds) is { } heldStart)
        {
            return Overlap(meterId, startUnixSeconds, endUnixSeconds, heldStart, meter.ByStart[heldStart], position);
        }

        meter.Starts.Add(startUnixSeconds);
        meter.ByStart.Add(startUnixSeconds, new Slot(durationSeconds, importMilliwattHours, exportMilliwattHours, position));
        return null;
    }

    /// <summary>Builds one series per meter, in ordinal order of meter ID.</summary>
    public ImmutableArray<ImportedSeries> Build()
    {
        var result = ImmutableArray.CreateBuilder<ImportedSeries>(_meters.Count);
        foreach (var meterId in _meters.Keys.Order(StringComparer.Ordinal))
        {
            var meter = _meters[meterId];
            var intervals = ImmutableArray.CreateBuilder<ImportedInterval>(meter.Starts.Count);
            foreach (var start in meter.Starts)
            {
                var slot = meter.ByStart[start];
                intervals.Add(new ImportedInterval(start, slot.DurationSeconds, slot.ImportMilliwattHours ?? 0, slot.ExportMilliwattHours ?? 0));
            }

            result.Add(new ImportedSeries(meterId, intervals.MoveToImmutable()));
        }

        return result.MoveToImmutable();
    }

    private Error Overlap(string meterId, long start, long end, long heldStart, Slot held, string position) =>
        new(
            overlapCode,
            string.Create(CultureInfo.InvariantCulture, $"{position}: the reading of meter '{meterId}' from {UnixTime.Format(start)} to {UnixTime.Format(end)} overlaps the one at {held.Position} ({UnixTime.Format(heldStart)} to {UnixTime.Format(heldStart + held.DurationSeconds)}); intervals of one meter must not overlap."));

    /// <summary>The start of a held reading overlapping [start, end), none starting at start itself; or null.</summary>
    private static long? FindOverlap(MeterSlots meter, long start, long end)
    {
        // The held readings never overlap one another, so only the last one starting before this one can reach
        // into it, and any that starts inside it overlaps. Readings usually come in order, and then the last
        // one held is the only one to check.
        if (meter.Starts.Count == 0)
        {
            return null;
        }

        var latest = meter.Starts.Max;
        if (latest < start)
        {
            return latest + meter.ByStart[latest].DurationSeconds > start ? latest : null;
        }

        if (start > long.MinValue && Last(meter.Starts.GetViewBetween(long.MinValue, start - 1)) is { } before
            && before + meter.ByStart[before].DurationSeconds > start)
        {
            return before;
        }

        return end - 1 > start ? First(meter.Starts.GetViewBetween(start + 1, end - 1)) : null;
    }

    private MeterSlots Slots(string meterId)
    {
        if (!_meters.TryGetValue(meterId, out var meter))
        {
            meter = new MeterSlots();
            _meters.Add(meterId, meter);
        }

        return meter;
    }

    private static long? First(SortedSet<long> view)
    {
        foreach (var start in view)
        {
            return start;
        }

        return null;
    }

    private static long? Last(SortedSet<long> view)
    {
        foreach (var start in view.Reverse())
        {
            return start;
        }

        return null;
    }

    private sealed class MeterSlots
    {
        public SortedSet<long> Starts { get; } = [];

        public Dictionary<long, Slot> ByStart { get; } = [];
    }

    private sealed record Slot(long DurationSeconds, long? ImportMilliwattHours, long? ExportMilliwattHours, string Position);
}
