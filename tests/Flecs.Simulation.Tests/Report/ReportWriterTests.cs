using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Flecs.Simulation.Report;
using Flecs.Simulation.Results;
using Parquet;

namespace Flecs.Simulation.Tests.Report;

public sealed class ReportWriterTests
{
    private static readonly string[] ChartNames = ["prices", "flows", "pv-load", "bills", "savings", "self-sufficiency", "certificates", "contracts"];

    [Fact]
    public async Task WriteAsync_SyntheticResult_WritesEveryFileIntoANewDirectory()
    {
        using var dir = new ReportDirectory();
        var target = Path.Combine(dir.Path, "nested", "run");

        var files = await ReportWriter.WriteAsync(SyntheticResult.Create(), target, TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(target, "report.html"), files.Html);
        Assert.Equal(Path.Combine(target, "intervals.csv"), files.IntervalsCsv);
        Assert.Equal(Path.Combine(target, "intervals.parquet"), files.IntervalsParquet);
        Assert.Equal(Path.Combine(target, "players.csv"), files.PlayersCsv);
        Assert.Equal(Path.Combine(target, "contracts.csv"), files.ContractsCsv);
        foreach (var file in new[] { files.Html, files.IntervalsCsv, files.IntervalsParquet, files.PlayersCsv, files.ContractsCsv })
        {
            Assert.True(new FileInfo(file).Length > 0, file);
        }
    }

    [Fact]
    public async Task WriteAsync_IntervalsCsv_HasTheHeaderAndOneInvariantRowPerInterval()
    {
        using var dir = new ReportDirectory();
        var result = SyntheticResult.Create();

        var files = await ReportWriter.WriteAsync(result, dir.Path, TestContext.Current.CancellationToken);

        var lines = await File.ReadAllLinesAsync(files.IntervalsCsv, TestContext.Current.CancellationToken);
        Assert.Equal(3 * 1440 + 1, lines.Length);
        Assert.Equal(
            "start,mpm_price_eur_per_mwh,mpm_cleared,spm_price_eur_per_mwh,spm_volume_kwh,load_kwh,pv_kwh,self_consumption_kwh,p2p_kwh,"
            + "grid_import_kwh,grid_export_kwh,battery_charge_kwh,battery_discharge_kwh,ev_charging_kwh,heat_pump_kwh,generation_kwh",
            lines[0]);
        var first = lines[1].Split(',');
        Assert.Equal(16, first.Length);
        Assert.Equal("2025-06-02T00:00:00Z", first[0]);
        Assert.Equal(result.Intervals[0].MpmPrice, double.Parse(first[1], CultureInfo.InvariantCulture));
        Assert.Equal("false", first[2]);
        Assert.Equal(string.Empty, first[3]);
        Assert.Equal(result.Intervals[0].Load, double.Parse(first[5], CultureInfo.InvariantCulture));
        var noon = Array.FindIndex(lines, l => l.StartsWith("2025-06-02T12:00:00Z", StringComparison.Ordinal));
        var row = lines[noon].Split(',');
        Assert.Equal(result.Intervals[noon - 1].SpmPrice, double.Parse(row[3], CultureInfo.InvariantCulture));
        Assert.Equal("2025-06-04T23:59:00Z", lines[^1].Split(',')[0]);
    }

    [Fact]
    public async Task WriteAsync_PlayersAndContractsCsv_HaveOneRowEachAndQuoteTheParties()
    {
        using var dir = new ReportDirectory();
        var result = SyntheticResult.Create();

        var files = await ReportWriter.WriteAsync(result, dir.Path, TestContext.Current.CancellationToken);

        var players = await File.ReadAllLinesAsync(files.PlayersCsv, TestContext.Current.CancellationToken);
        Assert.Equal(result.Players.Count + 1, players.Length);
        Assert.Equal("id,role,group,mode,load_kwh,pv_kwh,import_kwh,export_kwh,self_consumption_kwh,self_sufficiency,bill_eur,baseline_eur,savings_eur,certificates", players[0]);
        var h0 = result.Players.Single(p => p.Id == "h0000");
        var cells = players.Single(l => l.StartsWith("h0000,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(h0.Bill, double.Parse(cells[10], CultureInfo.InvariantCulture));
        Assert.Equal(h0.Bill - h0.Baseline, double.Parse(cells[12], CultureInfo.InvariantCulture), 9);

        var contracts = await File.ReadAllLinesAsync(files.ContractsCsv, TestContext.Current.CancellationToken);
        Assert.Equal(result.Contracts.Count + 1, contracts.Length);
        Assert.Equal("id,template,parties,energy_kwh,money_eur,certificates,failures,status", contracts[0]);
        var c0 = result.Contracts[0];
        Assert.StartsWith(c0.Id + "," + c0.Template + ",\"" + c0.Parties + "\",", contracts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_IntervalsParquet_ReadsBackAsTheSameRows()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ReportDirectory();
        var result = SyntheticResult.Create();

        var files = await ReportWriter.WriteAsync(result, dir.Path, ct);

        await using var stream = File.OpenRead(files.IntervalsParquet);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct);
        var fields = reader.Schema.DataFields;
        Assert.Equal(
            ["start", "mpm_price_eur_per_mwh", "mpm_cleared", "spm_price_eur_per_mwh", "spm_volume_kwh", "load_kwh", "pv_kwh", "self_consumption_kwh", "p2p_kwh",
             "grid_import_kwh", "grid_export_kwh", "battery_charge_kwh", "battery_discharge_kwh", "ev_charging_kwh", "heat_pump_kwh", "generation_kwh"],
            fields.Select(f => f.Name));
        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        var n = result.Intervals.Count;
        Assert.Equal(n, group.RowCount);
        var start = new DateTime[n];
        await group.ReadAsync<DateTime>(fields[0], start, cancellationToken: ct);
        var mpm = new double[n];
        await group.ReadAsync<double>(fields[1], mpm, cancellationToken: ct);
        var cleared = new bool[n];
        await group.ReadAsync<bool>(fields[2], cleared, cancellationToken: ct);
        var spm = new double?[n];
        await group.ReadAsync<double>(fields[3], spm, cancellationToken: ct);
        var generation = new double[n];
        await group.ReadAsync<double>(fields[15], generation, cancellationToken: ct);
        Assert.Equal(result.Intervals.Select(i => i.Start.UtcDateTime), start);
        Assert.All(start, s => Assert.Equal(DateTimeKind.Utc, s.Kind));
        Assert.Equal(result.Intervals.Select(i => i.MpmPrice), mpm);
        Assert.Equal(result.Intervals.Select(i => i.MpmCleared), cleared);
        Assert.Equal(result.Intervals.Select(i => i.SpmPrice), spm);
        Assert.Contains(null, spm);
        Assert.Equal(result.Intervals.Select(i => i.Generation), generation);
    }

    [Fact]
    public async Task WriteAsync_Html_IsSelfContainedAndHasEveryChart()
    {
        using var dir = new ReportDirectory();

        var files = await ReportWriter.WriteAsync(SyntheticResult.Create(), dir.Path, TestContext.Current.CancellationToken);

        var html = await File.ReadAllTextAsync(files.Html, TestContext.Current.CancellationToken);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"generator\" content=\"flecs\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("url\\((?!#)", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(5)), html);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        var references = Regex.Matches(html, "(?:src|href)\\s*=\\s*\"(?<target>[^\"]*)\"", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(5));
        Assert.All(references, r => Assert.StartsWith("#", r.Groups["target"].Value, StringComparison.Ordinal));
        var ids = Regex.Matches(html, "\\bid=\"(?<id>[^\"]*)\"", RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(5)).Select(m => m.Groups["id"].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var name in ChartNames)
        {
            var chart = ChartSvg(html, name);
            Assert.Contains("<path", chart, StringComparison.Ordinal);
            Assert.Contains("<text", chart, StringComparison.Ordinal);
        }

        Assert.Contains("Sunny district, June", html, StringComparison.Ordinal);
        Assert.Contains(">20250602<", html, StringComparison.Ordinal);
        Assert.Contains("uniform-price", html, StringComparison.Ordinal);
        Assert.Contains("badge ok", html, StringComparison.Ordinal);
        Assert.Contains("9f2c4e1d7a6b5c3e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_FailedVerification_ShowsARedBadge()
    {
        using var dir = new ReportDirectory();
        var result = SyntheticResult.Create(days: 1, prosumers: 6, contracts: 2);
        result = result with { Ledger = result.Ledger with { Verified = false, VerifyMessage = "block 17: state root differs" } };

        var files = await ReportWriter.WriteAsync(result, dir.Path, TestContext.Current.CancellationToken);

        var html = await File.ReadAllTextAsync(files.Html, TestContext.Current.CancellationToken);
        Assert.Contains("badge fail", html, StringComparison.Ordinal);
        Assert.Contains("block 17: state root differs", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_EmptyResult_StillWritesEveryChartAndFile()
    {
        using var dir = new ReportDirectory();
        var scenario = new ScenarioSummary("empty", 1, SyntheticResult.Start, 0, 15, 0, 0, "pay-as-bid", 0.3, 0);
        var result = new SimulationResult(scenario, [], [], [], new LedgerFigures(0, 0, 0, string.Empty, true, "empty chain", 0, 0));

        var files = await ReportWriter.WriteAsync(result, dir.Path, TestContext.Current.CancellationToken);

        var html = await File.ReadAllTextAsync(files.Html, TestContext.Current.CancellationToken);
        foreach (var name in ChartNames)
        {
            Assert.Contains("<svg", ChartSvg(html, name), StringComparison.Ordinal);
        }

        Assert.Single(await File.ReadAllLinesAsync(files.IntervalsCsv, TestContext.Current.CancellationToken));
        await using var stream = File.OpenRead(files.IntervalsParquet);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(16, reader.Schema.DataFields.Length);
    }

    [Fact]
    public async Task WriteAsync_PayAsBid_SaysThereIsNoSpmPrice()
    {
        using var dir = new ReportDirectory();
        var result = SyntheticResult.Create(days: 1, intervalMinutes: 15, prosumers: 9, contracts: 3, mechanism: "pay-as-bid");

        var files = await ReportWriter.WriteAsync(result, dir.Path, TestContext.Current.CancellationToken);

        var html = await File.ReadAllTextAsync(files.Html, TestContext.Current.CancellationToken);
        Assert.Contains("no uniform clearing price", ChartSvg(html, "prices"), StringComparison.Ordinal);
        Assert.Equal(96 + 1, (await File.ReadAllLinesAsync(files.IntervalsCsv, TestContext.Current.CancellationToken)).Length);
    }

    [Fact]
    public async Task WriteAsync_MonthAtOneMinuteWithThousandHouseholds_KeepsTheReportSmall()
    {
        using var dir = new ReportDirectory();
        var result = SyntheticResult.Create(days: 30, prosumers: 1_000, contracts: 400);
        var watch = Stopwatch.StartNew();

        var files = await ReportWriter.WriteAsync(result, dir.Path, TestContext.Current.CancellationToken);

        watch.Stop();
        var html = await File.ReadAllTextAsync(files.Html, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"43,200 intervals x 1,000 households: {watch.Elapsed.TotalSeconds:F2} s, report.html {new FileInfo(files.Html).Length:N0} bytes, intervals.csv {new FileInfo(files.IntervalsCsv).Length:N0}, intervals.parquet {new FileInfo(files.IntervalsParquet).Length:N0}"));
        Assert.Equal(43_200 + 1, (await File.ReadAllLinesAsync(files.IntervalsCsv, TestContext.Current.CancellationToken)).Length);
        foreach (var name in ChartNames)
        {
            var svg = ChartSvg(html, name);
            Assert.True(svg.Length < 300_000, $"{name}: {svg.Length} characters");
        }

        Assert.True(html.Length < 2_000_000, $"report.html: {html.Length} characters");
        Assert.Contains("Mean cost per household by group", ChartSvg(html, "bills"), StringComparison.Ordinal);
        Assert.Contains("The 50 largest contracts by energy", html, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), watch.Elapsed.ToString());
    }

    /// <summary>The inline SVG of the chart named <paramref name="name"/>.</summary>
    internal static string ChartSvg(string html, string name)
    {
        var open = html.IndexOf("data-chart=\"" + name + "\"", StringComparison.Ordinal);
        Assert.True(open >= 0, "no chart " + name);
        var start = html.IndexOf("<svg", open, StringComparison.Ordinal);
        var end = html.IndexOf("</svg>", start, StringComparison.Ordinal);
        Assert.True(start > open && end > start, "no svg in chart " + name);
        return html[start..(end + "</svg>".Length)];
    }
}
