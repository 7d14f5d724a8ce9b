using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Flecs.Core.Results;
using Flecs.Core.Units;

namespace Flecs.Import;

/// <summary>Reads and writes FLECS interval CSV: one row per meter and interval, energy in kWh.</summary>
/// <remarks>
/// <para><b>FLECS interval CSV.</b></para>
/// <list type="bullet">
/// <item><description>Text is RFC 4180: fields are separated by commas, records by LF or CRLF; a field may be
/// enclosed in double quotes, inside which commas, line breaks and doubled quotes (<c>""</c>) are literal.
/// A byte-order mark at the start is ignored. Lines that are empty or hold only spaces and tabs are ignored.</description></item>
/// <item><description>The first record is the header. It names the columns <c>meter</c>, <c>start</c>,
/// <c>minutes</c>, <c>import_kwh</c> and <c>export_kwh</c>, in any order, each exactly once (names match
/// ignoring case). Other columns are allowed and ignored. Every row has as many fields as the header.</description></item>
/// <item><description><c>meter</c>: the meter ID, taken verbatim; not empty.</description></item>
/// <item><description><c>start</c>: the interval's start in ISO 8601 with an explicit offset, exactly
/// <c>yyyy-MM-ddTHH:mmK</c> or <c>yyyy-MM-ddTHH:mm:ssK</c>, where K is <c>Z</c> or <c>+hh:mm</c> /
/// <c>-hh:mm</c> (for example <c>2025-03-30T01:45+01:00</c> or <c>2025-03-30T00:45:00Z</c>). A time without
/// an offset is an error.</description></item>
/// <item><description><c>minutes</c>: the interval's length in whole minutes, 1 or more, digits only.</description></item>
/// <item><description><c>import_kwh</c>, <c>export_kwh</c>: energy imported from and exported to the grid
/// during the interval, in kWh: digits, optionally a point <c>.</c> and at most six decimals (further
/// decimals only if they are zeros, since 10^-6 kWh = 1 mWh is the resolution); no sign, exponent,
/// thousands separator or surrounding spaces. An empty cell means 0.</description></item>
/// <item><description>Rows of several meters may be mixed and in any order. The result is one series per
/// meter, in ordinal order of meter ID, with intervals sorted by start. Two rows of one meter covering
/// the same time (the same start, or overlapping) are an error.</description></item>
/// </list>
/// <para>Example:</para>
/// <code>
/// meter,start,minutes,import_kwh,export_kwh
/// M1,2025-06-01T00:00Z,15,0.125,
/// M1,2025-06-01T00:15:00+00:00,15,0.25,0.001
/// </code>
/// <para>Errors name the position as <c>line N, column 'x'</c> (the line a record starts on, from 1).
/// <see cref="Format"/> writes the same format: the five columns in the order above, starts as
/// <c>yyyy-MM-ddTHH:mm:ssZ</c> in UTC, kWh without trailing zeros, LF line endings.</para>
/// </remarks>
public static class CsvReadings
{
    private const string MeterColumn = "meter";
    private const string StartColumn = "start";
    private const string MinutesColumn = "minutes";
    private const string ImportColumn = "import_kwh";
    private const string ExportColumn = "export_kwh";

    private static readonly string[] RequiredColumns = [MeterColumn, StartColumn, MinutesColumn, ImportColumn, ExportColumn];
    private static readonly string[] StartFormats = ["yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK"];

    /// <summary>Parses FLECS interval CSV into one series per meter.</summary>
    /// <param name="text">The whole file.</param>
    /// <returns>The series, in ordinal order of meter ID; or the first error, naming its line and column.</returns>
    public static Result<ImmutableArray<ImportedSeries>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new CsvRecordReader(text);
        if (!reader.TryRead(out var header))
        {
            return reader.ErrorMessage is null
                ? Result<ImmutableArray<ImportedSeries>>.Fail(ImportErrors.CsvEmpty, "line 1: the text has no header row (meter,start,minutes,import_kwh,export_kwh).")
                : Result<ImmutableArray<ImportedSeries>>.Fail(ImportErrors.CsvBadQuote, Invariant($"line {reader.RecordLine}, header field {reader.ErrorField + 1}: {reader.ErrorMessage}."));
        }

        var headerLine = reader.RecordLine;
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            if (RequiredColumns.Contains(header[i], StringComparer.OrdinalIgnoreCase) && !columns.TryAdd(header[i], i))
            {
                return Result<ImmutableArray<ImportedSeries>>.Fail(ImportErrors.CsvBadHeader, Invariant($"line {headerLine}, column '{header[i]}': the column appears twice in the header."));
            }
        }

        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            return Result<ImmutableArray<ImportedSeries>>.Fail(ImportErrors.CsvBadHeader, Invariant($"line {headerLine}, column '{missing[0]}': the header lacks the required column(s) {string.Join(", ", missing)}."));
        }

        var assembler = new SeriesAssembler(ImportErrors.CsvOverlap);
        while (reader.TryRead(out var fields))
        {
            var line = reader.RecordLine;
            if (fields.Count != header.Count)
            {
                return Result<ImmutableArray<ImportedSeries>>.Fail(ImportErrors.CsvBadRow, Invariant($"line {line}, column '{header[Math.Min(fields.Count, header.Count) - 1]}': the row has {fields.Count} field(s), the header {header.Count}."));
            }

            var error = ParseRow(fields, columns, line, assembler);
            if (error is not null)
            {
                return Result<ImmutableArray<ImportedSeries>>.Fail(error);
            }
        }

        if (reader.ErrorMessage is not null)
        {
            var field = reader.ErrorField < header.Count ? header[reader.ErrorField] : Invariant($"#{reader.ErrorField + 1}");
            return Result<ImmutableArray<ImportedSeries>>.Fail(ImportErrors.CsvBadQuote, Invariant($"line {reader.RecordLine}, column '{field}': {reader.ErrorMessage}."));
        }

        return assembler.Build();
    }

    /// <summary>Writes series as FLECS interval CSV (the format <see cref="Parse"/> reads).</summary>
    /// <param name="series">The series to write, in the order given.</param>
    /// <returns>The CSV text; or <see cref="ImportErrors.CsvUnrepresentable"/> when an interval is not a whole number of minutes.</returns>
    public static Result<string> Format(IReadOnlyList<ImportedSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var builder = new StringBuilder();
        builder.Append(string.Join(',', RequiredColumns)).Append('\n');
        foreach (var one in series)
        {
            var meter = Quote(one.MeterId);
            foreach (var interval in one.Intervals)
            {
                if (interval.DurationSeconds <= 0 || interval.DurationSeconds % 60 != 0 || !UnixTime.IsInRange(interval.StartUnixSeconds, interval.DurationSeconds))
                {
                    return Result<string>.Fail(ImportErrors.CsvUnrepresentable, Invariant($"meter '{one.MeterId}', interval starting {UnixTime.Format(interval.StartUnixSeconds)}: {interval.DurationSeconds} s is not a positive whole number of minutes within years 1–9999."));
                }

                builder.Append(meter).Append(',')
                    .Append(UnixTime.Format(interval.StartUnixSeconds)).Append(',')
                    .Append((interval.DurationSeconds / 60).ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(FixedPoint.Format(interval.ImportMilliwattHours, 6)).Append(',')
                    .Append(FixedPoint.Format(interval.ExportMilliwattHours, 6)).Append('\n');
            }
        }

        return builder.ToString();
    }

    private static Error? ParseRow(List<string> fields, Dictionary<string, int> columns, int line, SeriesAssembler assembler)
    {
        var meter = fields[columns[MeterColumn]];
        if (meter.AsSpan().Trim().Length == 0)
        {
            return new Error(ImportErrors.CsvBadMeter, Invariant($"line {line}, column '{MeterColumn}': the meter ID is empty."));
        }

        var startText = fields[columns[StartColumn]];
        if (!TryParseStart(startText, out var start))
        {
            return new Error(ImportErrors.CsvBadStart, Invariant($"line {line}, column '{StartColumn}': '{startText}' is not yyyy-MM-ddTHH:mm[:ss] followed by Z or an offset ±hh:mm."));
        }

        var minutesText = fields[columns[MinutesColumn]];
        if (!int.TryParse(minutesText, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes <= 0)
        {
            return new Error(ImportErrors.CsvBadMinutes, Invariant($"line {line}, column '{MinutesColumn}': '{minutesText}' is not a positive whole number of minutes."));
        }

        var duration = minutes * 60L;
        if (!UnixTime.IsInRange(start, duration))
        {
            return new Error(ImportErrors.CsvBadMinutes, Invariant($"line {line}, column '{MinutesColumn}': the interval ends after the year 9999."));
        }

        var import = ParseEnergy(fields[columns[ImportColumn]], ImportColumn, line, out var importError);
        if (importError is not null)
        {
            return importError;
        }

        var export = ParseEnergy(fields[columns[ExportColumn]], ExportColumn, line, out var exportError);
        if (exportError is not null)
        {
            return exportError;
        }

        return assembler.Add(meter, start, duration, import, export, Invariant($"line {line}, column '{StartColumn}'"));
    }

    private static bool TryParseStart(string text, out long unixSeconds)
    {
        unixSeconds = 0;
        var hasOffset = text.EndsWith('Z')
            || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
        if (!hasOffset || !DateTimeOffset.TryParseExact(text, StartFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        unixSeconds = parsed.ToUnixTimeSeconds();
        return true;
    }

    private static long ParseEnergy(string text, string column, int line, out Error? error)
    {
        error = null;
        if (text.Length == 0)
        {
            return 0;
        }

        switch (ExactDecimal.TryParse(text, '.', 6, out var milliwattHours))
        {
            case DecimalParseStatus.Parsed:
                return milliwattHours;
            case DecimalParseStatus.Inexact:
                error = new Error(ImportErrors.CsvInexactValue, Invariant($"line {line}, column '{column}': '{text}' kWh has more than six decimals; 1 mWh (0.000001 kWh) is the resolution and values are never rounded."));
                return 0;
            default:
                error = new Error(ImportErrors.CsvBadValue, Invariant($"line {line}, column '{column}': '{text}' is not a non-negative kWh decimal with a point (or is too large)."));
                return 0;
        }
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
