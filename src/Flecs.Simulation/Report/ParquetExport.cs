using Flecs.Simulation.Results;
using Parquet;
using Parquet.Schema;

namespace Flecs.Simulation.Report;

/// <summary><c>intervals.parquet</c>: the columns of <c>intervals.csv</c> (<see cref="IntervalColumns"/>) in one row group; <c>start</c> is a UTC timestamp in milliseconds, <c>spm_price_eur_per_mwh</c> is nullable, the rest are required doubles and a boolean.</summary>
internal static class ParquetExport
{
    /// <summary>Writes the intervals to <paramref name="stream"/>.</summary>
    public static async Task WriteAsync(IReadOnlyList<IntervalFigures> intervals, Stream stream, CancellationToken cancellationToken)
    {
        var start = new DateTimeDataField(IntervalColumns.Start, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis);
        var mpm = new DataField<double>(IntervalColumns.MpmPrice);
        var cleared = new DataField<bool>(IntervalColumns.MpmCleared);
        var spm = new DataField<double?>(IntervalColumns.SpmPrice);
        var energies = IntervalColumns.Energies.Select(e => (Field: new DataField<double>(e.Name), e.Value)).ToList();
        var schema = new ParquetSchema([start, mpm, cleared, spm, .. energies.Select(e => e.Field)]);

        var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<DateTime>(start, intervals.Select(i => i.Start.UtcDateTime).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<double>(mpm, intervals.Select(i => i.MpmPrice).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<bool>(cleared, intervals.Select(i => i.MpmCleared).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<double>(spm, intervals.Select(i => i.SpmPrice).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var (field, value) in energies)
            {
                await group.WriteAsync<double>(field, intervals.Select(value).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
