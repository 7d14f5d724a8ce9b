namespace Flecs.Simulation.Report;

/// <summary>The files <see cref="ReportWriter.WriteAsync"/> wrote, as full paths.</summary>
/// <param name="Html">The self-contained HTML report (<c>report.html</c>).</param>
/// <param name="IntervalsCsv">One row per settled interval (<c>intervals.csv</c>).</param>
/// <param name="IntervalsParquet">The same rows as Parquet (<c>intervals.parquet</c>).</param>
/// <param name="PlayersCsv">One row per player (<c>players.csv</c>).</param>
/// <param name="ContractsCsv">One row per contract (<c>contracts.csv</c>).</param>
public sealed record ReportFiles(string Html, string IntervalsCsv, string IntervalsParquet, string PlayersCsv, string ContractsCsv);
