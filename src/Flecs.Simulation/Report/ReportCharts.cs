using Flecs.Simulation.Results;
using ScottPlot;

namespace Flecs.Simulation.Report;

/// <summary>The report's charts, each drawn server-side with ScottPlot and returned as inline SVG. Long runs are aggregated (hourly or daily) so a chart stays small.</summary>
internal static class ReportCharts
{
    /// <summary>Up to this many households the bills chart shows every household; beyond it, group means.</summary>
    public const int MaxHouseholdBars = 40;

    /// <summary>At most this many categories in the certificates chart.</summary>
    private const int MaxCertificateBars = 25;

    /// <summary>Prices and PV/load are hourly up to this many hours (62 days), daily beyond.</summary>
    private const int HourlyPricesUpTo = 62 * 24;

    /// <summary>Energy flows are hourly up to this many hours (14 days), daily beyond.</summary>
    private const int HourlyFlowsUpTo = 14 * 24;

    /// <summary>MPM and SPM prices over time.</summary>
    public static string Prices(ReportData data)
    {
        var width = data.BinWidth(HourlyPricesUpTo);
        using var plot = ChartStyle.NewPlot($"MPM and SPM prices ({Per(width)} means)", "Time (UTC)", "Price (\u20AC/MWh)");
        var bins = data.Bins(width);
        if (bins.Count == 0)
        {
            ChartStyle.NoData(plot, "No settled intervals");
            return ChartStyle.ToSvg(plot, "prices");
        }

        var xs = bins.Select(b => b.Start.ToOADate()).ToArray();
        var mpm = plot.Add.ScatterLine(xs, bins.Select(b => b.Mpm).ToArray(), ChartStyle.Mpm);
        mpm.LineWidth = 1.6f;
        mpm.LegendText = "MPM (merit order / fallback)";
        if (data.SpmClearedCount > 0)
        {
            var spm = plot.Add.ScatterLine(xs, bins.Select(b => b.Spm).ToArray(), ChartStyle.Spm);
            spm.LineWidth = 1.6f;
            spm.LegendText = "SPM clearing price (gaps: nothing cleared)";
        }
        else
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "SPM: no uniform clearing price in this run", LineColor = ChartStyle.Spm, LineWidth = 0 });
        }

        ChartStyle.DateAxis(plot, "Time (UTC)");
        ChartStyle.LegendBelow(plot);
        return ChartStyle.ToSvg(plot, "prices");
    }

    /// <summary>Where the households' energy came from and what they fed in: stacked self-consumption, contracts and grid import above zero, grid export below.</summary>
    public static string Flows(ReportData data)
    {
        var width = data.BinWidth(HourlyFlowsUpTo);
        var bins = data.Bins(width);
        var max = bins.Count > 0 ? bins.Max(b => Math.Max(b.SelfConsumption + b.P2p + b.GridImport, b.GridExport)) : 0;
        var (scale, unit) = EnergyUnit(max);
        using var plot = ChartStyle.NewPlot("Energy flows of the district", "Time (UTC)", $"Energy per {Unit(width)} ({unit})");
        if (bins.Count == 0)
        {
            ChartStyle.NoData(plot, "No settled intervals");
            return ChartStyle.ToSvg(plot, "flows");
        }

        var layers = new (string Name, Color Color, Func<TimeBin, double> Value)[]
        {
            ("Self-consumption", ChartStyle.Self, b => b.SelfConsumption),
            ("P2P / PPA contracts", ChartStyle.P2p, b => b.P2p),
            ("Grid import", ChartStyle.Import, b => b.GridImport),
        };
        var xs = bins.Select(b => b.Start.ToOADate()).ToArray();
        var lower = new double[bins.Count];
        if (bins.Count <= 62)
        {
            var size = width.TotalDays * 0.8;
            var centre = width.TotalDays / 2;
            foreach (var (name, color, value) in layers)
            {
                var bars = new List<Bar>(bins.Count);
                for (var i = 0; i < bins.Count; i++)
                {
                    var top = lower[i] + (value(bins[i]) / scale);
                    bars.Add(new Bar { Position = xs[i] + centre, ValueBase = lower[i], Value = top, Size = size, FillColor = color, LineWidth = 0 });
                    lower[i] = top;
                }

                plot.Add.Bars(bars).LegendText = name;
            }

            var exports = bins.Select((b, i) => new Bar { Position = xs[i] + centre, ValueBase = 0, Value = -b.GridExport / scale, Size = size, FillColor = ChartStyle.Export, LineWidth = 0 }).ToList();
            plot.Add.Bars(exports).LegendText = "Grid export (below zero)";
        }
        else
        {
            foreach (var (name, color, value) in layers)
            {
                var upper = new double[bins.Count];
                for (var i = 0; i < bins.Count; i++)
                {
                    upper[i] = lower[i] + (value(bins[i]) / scale);
                }

                var fill = plot.Add.FillY(xs, [.. lower], upper);
                fill.FillColor = color.WithAlpha(0.85);
                fill.LineWidth = 0;
                fill.LegendText = name;
                lower = upper;
            }

            var export = plot.Add.FillY(xs, new double[bins.Count], bins.Select(b => -b.GridExport / scale).ToArray());
            export.FillColor = ChartStyle.Export.WithAlpha(0.85);
            export.LineWidth = 0;
            export.LegendText = "Grid export (below zero)";
        }

        plot.Add.HorizontalLine(0, 1, ChartStyle.Load.WithAlpha(0.6));
        ChartStyle.DateAxis(plot, "Time (UTC)");
        ChartStyle.LegendBelow(plot);
        return ChartStyle.ToSvg(plot, "flows");
    }

    /// <summary>PV generation against household load, as average power.</summary>
    public static string PvLoad(ReportData data)
    {
        var width = data.BinWidth(HourlyPricesUpTo);
        var bins = data.Bins(width);
        var hours = width.TotalHours;
        var max = bins.Count > 0 ? bins.Max(b => Math.Max(b.Load, b.Pv)) / hours : 0;
        var (scale, unit) = PowerUnit(max);
        using var plot = ChartStyle.NewPlot($"PV generation vs district load ({Per(width)} averages)", "Time (UTC)", $"Average power ({unit})");
        if (bins.Count == 0)
        {
            ChartStyle.NoData(plot, "No settled intervals");
            return ChartStyle.ToSvg(plot, "pv-load");
        }

        var xs = bins.Select(b => b.Start.ToOADate()).ToArray();
        var pv = plot.Add.ScatterLine(xs, bins.Select(b => b.Pv / hours / scale).ToArray(), ChartStyle.Pv);
        pv.LineWidth = 1.4f;
        pv.FillY = true;
        pv.FillYColor = ChartStyle.Pv.WithAlpha(0.25);
        pv.LegendText = "PV generation";
        var self = plot.Add.ScatterLine(xs, bins.Select(b => b.SelfConsumption / hours / scale).ToArray(), ChartStyle.Self);
        self.LineWidth = 1.2f;
        self.LegendText = "Self-consumption";
        var load = plot.Add.ScatterLine(xs, bins.Select(b => b.Load / hours / scale).ToArray(), ChartStyle.Load);
        load.LineWidth = 1.6f;
        load.LegendText = "District load";
        ChartStyle.DateAxis(plot, "Time (UTC)");
        plot.Axes.Margins(0.01, 0.01, 0, 0.08);
        ChartStyle.LegendBelow(plot);
        return ChartStyle.ToSvg(plot, "pv-load");
    }

    /// <summary>Bills next to the retail-tariff baseline, per household or (for many households) as group means; shown as costs (positive = paid).</summary>
    public static string Bills(ReportData data)
    {
        var perHousehold = data.Households.Count <= MaxHouseholdBars;
        using var plot = perHousehold
            ? ChartStyle.NewPlot("Cost per household vs retail-tariff baseline", "Household", "Cost over the period (\u20AC)")
            : ChartStyle.NewPlot("Mean cost per household by group vs retail-tariff baseline", "Group", "Mean cost per household (\u20AC)");
        var rows = perHousehold
            ? data.Households.Select(h => (Label: h.Id, Cost: -h.Bill, Baseline: -h.Baseline)).ToList()
            : data.Groups.Select(g => (Label: g.Name, Cost: -g.Mean(h => h.Bill), Baseline: -g.Mean(h => h.Baseline))).ToList();
        if (rows.Count == 0)
        {
            ChartStyle.NoData(plot, "No households");
            return ChartStyle.ToSvg(plot, "bills");
        }

        var barWidth = 0.38;
        var cost = plot.Add.Bars(rows.Select((r, i) => new Bar { Position = i - 0.2, Value = r.Cost, Size = barWidth, FillColor = ChartStyle.Cost, LineWidth = 0 }).ToList());
        cost.LegendText = "Actual cost (net of invoices)";
        var baseline = plot.Add.Bars(rows.Select((r, i) => new Bar { Position = i + 0.2, Value = r.Baseline, Size = barWidth, FillColor = ChartStyle.Baseline, LineWidth = 0 }).ToList());
        baseline.LegendText = "Baseline: whole load at the retail tariff";
        ChartStyle.Categories(plot, [.. rows.Select(r => r.Label)]);
        plot.Axes.Margins(bottom: 0, top: 0.1);
        ChartStyle.LegendBelow(plot);
        return ChartStyle.ToSvg(plot, "bills");
    }

    /// <summary>How many households saved how much against the baseline.</summary>
    public static string Savings(ReportData data)
    {
        using var plot = ChartStyle.NewPlot("Distribution of savings vs baseline", "Savings over the period (\u20AC per household; negative: paid more)", "Households");
        var values = data.Households.Select(ReportData.Savings).ToList();
        if (values.Count == 0)
        {
            ChartStyle.NoData(plot, "No households");
            return ChartStyle.ToSvg(plot, "savings");
        }

        var (min, max) = (values.Min(), values.Max());
        if (max - min < 1e-6)
        {
            (min, max) = (min - 1, max + 1);
        }

        var binCount = Math.Clamp((int)Math.Round(2 * Math.Sqrt(values.Count)), 5, 30);
        var histogram = ScottPlot.Statistics.Histogram.WithBinCount(binCount, min, max + ((max - min) * 1e-9));
        histogram.AddRange(values);
        var bars = plot.Add.Histogram(histogram, ChartStyle.Self);
        bars.BarWidthFraction = 0.92;
        foreach (var bar in bars.Bars)
        {
            // Red: every household in the bin paid more than its baseline; green: every one saved; grey: the bin spans zero.
            var half = bar.Size / 2;
            bar.FillColor = bar.Position + half <= 0 ? ChartStyle.Cost : bar.Position - half >= 0 ? ChartStyle.Self : ChartStyle.Baseline;
            bar.LineWidth = 0;
        }

        var edges = histogram.Edges;
        var pad = (edges[^1] - edges[0]) * 0.03;
        var limitsX = (Min: Math.Min(edges[0], 0) - pad, Max: Math.Max(edges[^1], 0) + pad);
        var zero = plot.Add.VerticalLine(0, 1.5f, ChartStyle.Load, LinePattern.Dashed);
        zero.LegendText = "No change";
        var mean = plot.Add.VerticalLine(values.Average(), 1.5f, ChartStyle.Self);
        mean.LegendText = "Mean: " + ReportFormat.Money(values.Average());
        plot.Axes.SetLimits(limitsX.Min, limitsX.Max, 0, Math.Max(1, histogram.Counts.Max()) * 1.12);
        ChartStyle.LegendBelow(plot);
        return ChartStyle.ToSvg(plot, "savings");
    }

    /// <summary>How many households met which share of their load with their own PV.</summary>
    public static string SelfSufficiency(ReportData data)
    {
        using var plot = ChartStyle.NewPlot("Self-sufficiency of the households", "Share of own load met by own PV (%)", "Households");
        var values = data.Households.Select(h => h.SelfSufficiency * 100).ToList();
        if (values.Count == 0)
        {
            ChartStyle.NoData(plot, "No households");
            return ChartStyle.ToSvg(plot, "self-sufficiency");
        }

        var histogram = ScottPlot.Statistics.Histogram.WithBinCount(20, 0, 100.000001);
        histogram.AddRange(values.Select(v => Math.Clamp(v, 0, 100)));
        var bars = plot.Add.Histogram(histogram, ChartStyle.Self);
        bars.BarWidthFraction = 0.92;
        foreach (var bar in bars.Bars)
        {
            bar.LineWidth = 0;
        }

        var mean = plot.Add.VerticalLine(values.Average(), 1.5f, ChartStyle.Load, LinePattern.Dashed);
        mean.LegendText = "Household mean: " + ReportFormat.Number(values.Average(), 1) + "%";
        var district = plot.Add.VerticalLine(data.SelfSufficiency * 100, 1.5f, ChartStyle.Pv);
        district.LegendText = "District: " + ReportFormat.Percent(data.SelfSufficiency);
        plot.Axes.SetLimits(-1, 101, 0, Math.Max(1, histogram.Counts.Max()) * 1.12);
        ChartStyle.LegendBelow(plot);
        return ChartStyle.ToSvg(plot, "self-sufficiency");
    }

    /// <summary>Green certificates received and given, by group (named players on their own).</summary>
    public static string Certificates(ReportData data)
    {
        using var plot = ChartStyle.NewPlot("Green certificates by group", "Group or player", "Certificates");
        var rows = CertificateRows(data.Result.Players);
        if (rows.Count == 0)
        {
            ChartStyle.NoData(plot, "No certificates changed hands in this run");
            return ChartStyle.ToSvg(plot, "certificates");
        }

        var received = plot.Add.Bars(rows.Select((r, i) => new Bar { Position = i - 0.2, Value = r.Received, Size = 0.38, FillColor = ChartStyle.Self, LineWidth = 0 }).ToList());
        received.LegendText = "Received";
        var given = plot.Add.Bars(rows.Select((r, i) => new Bar { Position = i + 0.2, Value = r.Given, Size = 0.38, FillColor = ChartStyle.Pv, LineWidth = 0 }).ToList());
        given.LegendText = "Issued to others / sold";
        ChartStyle.Categories(plot, [.. rows.Select(r => r.Label)]);
        plot.Axes.Margins(bottom: 0, top: 0.1);
        ChartStyle.LegendBelow(plot);
        return ChartStyle.ToSvg(plot, "certificates");
    }

    /// <summary>Energy and money per contract template (energy on the left axis, money on the right).</summary>
    public static string Contracts(IReadOnlyList<TemplateFigures> templates)
    {
        var (scale, unit) = EnergyUnit(templates.Count > 0 ? templates.Max(t => t.Energy) : 0);
        using var plot = ChartStyle.NewPlot("Contracts: energy and money per template", "Template", $"Energy delivered ({unit})");
        if (templates.Count == 0)
        {
            ChartStyle.NoData(plot, "No contracts");
            return ChartStyle.ToSvg(plot, "contracts");
        }

        var energy = plot.Add.Bars(templates.Select((t, i) => new Bar { Position = i - 0.2, Value = t.Energy / scale, Size = 0.38, FillColor = ChartStyle.P2p, LineWidth = 0 }).ToList());
        energy.LegendText = $"Energy ({unit}, left axis)";
        var money = plot.Add.Bars(templates.Select((t, i) => new Bar { Position = i + 0.2, Value = t.Money, Size = 0.38, FillColor = ChartStyle.Pv, LineWidth = 0 }).ToList());
        money.LegendText = "Money (\u20AC, right axis)";
        money.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "Money paid (\u20AC)";
        plot.Axes.Right.Label.FontSize = 13;
        ChartStyle.Categories(plot, [.. templates.Select(t => t.Template)]);
        plot.Axes.SetLimitsY(Math.Min(0, templates.Min(t => t.Energy / scale)) * 1.1, Math.Max(1e-9, templates.Max(t => t.Energy / scale)) * 1.12, plot.Axes.Left);
        plot.Axes.SetLimitsY(Math.Min(0, templates.Min(t => t.Money)) * 1.1, Math.Max(1e-9, templates.Max(t => t.Money)) * 1.12, plot.Axes.Right);
        ChartStyle.LegendBelow(plot);
        return ChartStyle.ToSvg(plot, "contracts");
    }

    /// <summary>Certificates received and given per group (named players by id), the busiest first.</summary>
    public static IReadOnlyList<(string Label, double Received, double Given)> CertificateRows(IReadOnlyList<PlayerFigures> players) =>
        [.. players
            .Where(p => p.Certificates != 0)
            .GroupBy(p => p.Group.Length > 0 ? p.Group : p.Id, StringComparer.Ordinal)
            .Select(g => (Label: g.Key, Received: (double)g.Where(p => p.Certificates > 0).Sum(p => p.Certificates), Given: (double)-g.Where(p => p.Certificates < 0).Sum(p => p.Certificates)))
            .OrderByDescending(r => r.Received + r.Given)
            .ThenBy(r => r.Label, StringComparer.Ordinal)
            .Take(MaxCertificateBars)];

    private static string Per(TimeSpan width) => width.TotalDays >= 1 ? "daily" : width.TotalHours >= 1 ? "hourly" : "per interval";

    private static string Unit(TimeSpan width) => width.TotalDays >= 1 ? "day" : width.TotalHours >= 1 ? "hour" : "interval";

    private static (double Scale, string Unit) EnergyUnit(double maxKwh) => maxKwh >= 10_000 ? (1_000, "MWh") : (1, "kWh");

    private static (double Scale, string Unit) PowerUnit(double maxKw) => maxKw >= 10_000 ? (1_000, "MW") : (1, "kW");
}
