using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Flecs.Import;

/// <summary>One meter's interval readings from one file, ordered by start, without overlaps.</summary>
/// <remarks>Two series are equal when their meter IDs and their intervals, element by element, are equal.</remarks>
/// <param name="MeterId">The meter (metering point, usage point or equipment) identifier as the file gives it.</param>
/// <param name="Intervals">The readings, ordered by <see cref="ImportedInterval.StartUnixSeconds"/>.</param>
public sealed record ImportedSeries(string MeterId, ImmutableArray<ImportedInterval> Intervals)
{
    /// <inheritdoc/>
    public bool Equals(ImportedSeries? other) =>
        other is not null
        && string.Equals(MeterId, other.MeterId, StringComparison.Ordinal)
        && Intervals.AsSpan().SequenceEqual(other.Intervals.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(MeterId, StringComparer.Ordinal);
        foreach (var interval in Intervals.AsSpan())
        {
            hash.Add(interval);
        }

        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"MeterId = {MeterId}, Intervals = {(Intervals.IsDefault ? 0 : Intervals.Length)} interval(s)");
        return true;
    }
}
