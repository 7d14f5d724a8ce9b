using System.Collections.Immutable;
using Flecs.Core.Results;

namespace Flecs.Import;

/// <summary>One entry point for all meter data formats: recognise a file's format and parse it into series.</summary>
public static class MeterImport
{
    /// <summary>Recognises a meter data file's format, from its content first and its file name second.</summary>
    /// <remarks>
    /// Content rules, in order: text starting with <c>UNA</c> or <c>UNB</c> is MSCONS; XML mentioning the
    /// ESPI namespace <c>http://naesb.org/espi</c> is Green Button; a first non-blank line starting with
    /// <c>/</c> is DSMR P1; a first line naming the <c>meter</c> and <c>start</c> columns is CSV. When the
    /// content decides nothing, the extension does: <c>.csv</c>, <c>.xml</c>, <c>.edi</c>/<c>.mscons</c>,
    /// <c>.p1</c>/<c>.dsmr</c>.
    /// </remarks>
    /// <param name="fileName">The file's name (a path is fine); may be empty.</param>
    /// <param name="text">The file's content.</param>
    /// <returns>The format, or null when neither content nor name tells.</returns>
    public static ImportFormat? Detect(string fileName, string text)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(text);
        var content = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (content.StartsWith("UNA", StringComparison.Ordinal) || content.StartsWith("UNB", StringComparison.Ordinal))
        {
            return ImportFormat.Mscons;
        }

        if (content.StartsWith("<", StringComparison.Ordinal) && content.Contains("http://naesb.org/espi", StringComparison.Ordinal))
        {
            return ImportFormat.GreenButton;
        }

        if (content.StartsWith("/", StringComparison.Ordinal))
        {
            return ImportFormat.DsmrP1;
        }

        var newline = content.IndexOfAny('\r', '\n');
        var firstLine = newline < 0 ? content : content[..newline];
        if (HasColumn(firstLine, "meter") && HasColumn(firstLine, "start"))
        {
            return ImportFormat.Csv;
        }

        return Path.GetExtension(fileName).ToUpperInvariant() switch
        {
            ".CSV" => ImportFormat.Csv,
            ".XML" => ImportFormat.GreenButton,
            ".EDI" or ".MSCONS" => ImportFormat.Mscons,
            ".P1" or ".DSMR" => ImportFormat.DsmrP1,
            _ => null,
        };
    }

    /// <summary>Parses a file of the given format into one series per meter, in ordinal order of meter ID.</summary>
    /// <remarks>
    /// DSMR text is read with <see cref="DsmrTelegrams.ParseMany(string)"/>, its snapshots grouped by meter and
    /// each group turned into a series with <see cref="DsmrTelegrams.ToSeries"/>; a meter with a single telegram
    /// gets an empty series, since one snapshot spans no interval. Every telegram needs its own timestamp here
    /// (see <see cref="DsmrTelegrams.ParseTelegram(string, long?)"/> for one without).
    /// </remarks>
    /// <param name="format">The file's format.</param>
    /// <param name="text">The file's content.</param>
    /// <returns>The series; or the parser's first error.</returns>
    public static Result<ImmutableArray<ImportedSeries>> Parse(ImportFormat format, string text) => Parse(format, text, lenient: false, out _);

    /// <summary>Parses a file of the given format into one series per meter, optionally with the format's lenient parsing.</summary>
    /// <remarks>
    /// Lenient parsing, for real utility files, exists for MSCONS (invalid value groups are skipped, see
    /// <see cref="MsconsReadings.Parse(string, bool, out ImmutableArray{ImportWarning})"/>) and DSMR (text outside
    /// telegrams is skipped, see <see cref="DsmrTelegrams.ParseMany(string, bool, out ImmutableArray{ImportWarning})"/>);
    /// CSV and Green Button are always parsed strictly and give no warnings.
    /// </remarks>
    /// <param name="format">The file's format.</param>
    /// <param name="text">The file's content.</param>
    /// <param name="lenient">True to use the format's lenient parsing where it has one.</param>
    /// <param name="warnings">What a lenient parse skipped, in text order; empty when nothing was, or when the parse failed.</param>
    /// <returns>The series; or the parser's first error.</returns>
    public static Result<ImmutableArray<ImportedSeries>> Parse(ImportFormat format, string text, bool lenient, out ImmutableArray<ImportWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(text);
        warnings = [];
        return format switch
        {
            ImportFormat.Csv => CsvReadings.Parse(text),
            ImportFormat.GreenButton => GreenButtonReadings.Parse(text),
            ImportFormat.Mscons => MsconsReadings.Parse(text, lenient, out warnings),
            ImportFormat.DsmrP1 => ParseDsmr(text, lenient, out warnings),
            _ => Result<ImmutableArray<ImportedSeries>>.Fail(ImportErrors.UnsupportedFormat, FormattableString.Invariant($"format {(int)format} is not an ImportFormat.")),
        };
    }

    private static Result<ImmutableArray<ImportedSeries>> ParseDsmr(string text, bool lenient, out ImmutableArray<ImportWarning> warnings)
    {
        var parsed = DsmrTelegrams.ParseMany(text, lenient, out warnings);
        if (!parsed.TryGetValue(out var snapshots))
        {
            return Result<ImmutableArray<ImportedSeries>>.Fail(parsed.Error!);
        }

        var result = ImmutableArray.CreateBuilder<ImportedSeries>();
        foreach (var meter in snapshots.GroupBy(s => s.MeterId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var series = DsmrTelegrams.ToSeries([.. meter]);
            if (!series.TryGetValue(out var value))
            {
                warnings = [];
                return Result<ImmutableArray<ImportedSeries>>.Fail(series.Error!);
            }

            result.Add(value);
        }

        return result.ToImmutable();
    }

    private static bool HasColumn(ReadOnlySpan<char> headerLine, string column)
    {
        foreach (var range in headerLine.Split(','))
        {
            if (headerLine[range].Trim().Trim('"').Equals(column, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
