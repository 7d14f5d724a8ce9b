using System.Globalization;
using System.Text;
using Flecs.Simulation.Results;

namespace Flecs.Simulation.Report;

/// <summary>The CSV exports: comma-separated, a header row, invariant culture (<c>.</c> decimals, no thousands separators), UTF-8, LF line ends; text is quoted when it holds a comma, quote or line break.</summary>
internal static class CsvExport
{
    /// <summary>The header of <c>players.csv</c>.</summary>
    public static readonly string[] PlayerHeader =
    [
        "id", "role", "group", "mode", "load_kwh", "pv_kwh", "import_kwh", "export_kwh", "self_consumption_kwh",
        "self_sufficiency", "bill_eur", "baseline_eur", "savings_eur", "certificates",
    ];

    /// <summary>The header of <c>contracts.csv</c>.</summary>
    public static readonly string[] ContractHeader =
        ["id", "template", "parties", "energy_kwh", "money_eur", "certificates", "failures", "status"];

    /// <summary><c>intervals.csv</c>: one row per interval.</summary>
    public static string Intervals(IReadOnlyList<IntervalFigures> intervals)
    {
        var sb = new StringBuilder(256 * (intervals.Count + 1));
        sb.AppendJoin(',', IntervalColumns.Names).Append('\n');
        foreach (var i in intervals)
        {
            sb.Append(i.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Append(',').Append(Number(i.MpmPrice))
                .Append(',').Append(i.MpmCleared ? "true" : "false")
                .Append(',').Append(i.SpmPrice is { } spm ? Number(spm) : string.Empty);
            foreach (var (_, value) in IntervalColumns.Energies)
            {
                sb.Append(',').Append(Number(value(i)));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary><c>players.csv</c>: one row per player.</summary>
    public static string Players(IReadOnlyList<PlayerFigures> players)
    {
        var sb = new StringBuilder(160 * (players.Count + 1));
        sb.AppendJoin(',', PlayerHeader).Append('\n');
        foreach (var p in players)
        {
            sb.AppendJoin(',',
            [
                Text(p.Id), Text(p.Role), Text(p.Group), Text(p.Mode), Number(p.Load), Number(p.Pv), Number(p.Import),
                Number(p.Export), Number(p.SelfConsumption), Number(p.SelfSufficiency), Number(p.Bill), Number(p.Baseline),
                Number(ReportData.Savings(p)), p.Certificates.ToString(CultureInfo.InvariantCulture),
            ]).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary><c>contracts.csv</c>: one row per contract.</summary>
    public static string Contracts(IReadOnlyList<ContractFigures> contracts)
    {
        var sb = new StringBuilder(160 * (contracts.Count + 1));
        sb.AppendJoin(',', ContractHeader).Append('\n');
        foreach (var c in contracts)
        {
            sb.AppendJoin(',',
            [
                Text(c.Id), Text(c.Template), Text(c.Parties), Number(c.Energy), Number(c.Money),
                c.Certificates.ToString(CultureInfo.InvariantCulture), c.Failures.ToString(CultureInfo.InvariantCulture), Text(c.Status),
            ]).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A number in its shortest round-trip form.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A text field, quoted when needed.</summary>
    public static string Text(string? value)
    {
        value ??= string.Empty;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
