using System.Text;
using Flecs.Simulation.Results;

namespace Flecs.Simulation.Report;

/// <summary>Writes a finished simulation's report and exports into a directory.</summary>
public static class ReportWriter
{
    /// <summary>The report's file name.</summary>
    public const string HtmlFile = "report.html";

    /// <summary>The interval export's file name (CSV).</summary>
    public const string IntervalsCsvFile = "intervals.csv";

    /// <summary>The interval export's file name (Parquet).</summary>
    public const string IntervalsParquetFile = "intervals.parquet";

    /// <summary>The player export's file name.</summary>
    public const string PlayersCsvFile = "players.csv";

    /// <summary>The contract export's file name.</summary>
    public const string ContractsCsvFile = "contracts.csv";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <c>report.html</c> (self-contained: inline CSS and SVG charts, no scripts, no external resources), <c>intervals.csv</c>,
    /// <c>intervals.parquet</c>, <c>players.csv</c> and <c>contracts.csv</c> into <paramref name="directory"/> (created if missing),
    /// replacing files of those names.
    /// </summary>
    /// <param name="result">The simulation's result.</param>
    /// <param name="directory">Where to write.</param>
    /// <param name="cancellationToken">Cancels the writing (files already written stay).</param>
    /// <returns>The full paths of the files.</returns>
    public static async Task<ReportFiles> WriteAsync(SimulationResult result, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        var files = new ReportFiles(
            Path.Combine(root, HtmlFile),
            Path.Combine(root, IntervalsCsvFile),
            Path.Combine(root, IntervalsParquetFile),
            Path.Combine(root, PlayersCsvFile),
            Path.Combine(root, ContractsCsvFile));

        await File.WriteAllTextAsync(files.IntervalsCsv, CsvExport.Intervals(result.Intervals), Utf8, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(files.PlayersCsv, CsvExport.Players(result.Players), Utf8, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(files.ContractsCsv, CsvExport.Contracts(result.Contracts), Utf8, cancellationToken).ConfigureAwait(false);
        var parquet = new FileStream(files.IntervalsParquet, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (parquet.ConfigureAwait(false))
        {
            await ParquetExport.WriteAsync(result.Intervals, parquet, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await File.WriteAllTextAsync(files.Html, HtmlReport.Build(result), Utf8, cancellationToken).ConfigureAwait(false);
        return files;
    }
}
