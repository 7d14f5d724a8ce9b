using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Flecs.Cli.Output;
using Flecs.Core.Results;
using Flecs.Simulation.Report;
using Flecs.Simulation.Results;
using Flecs.Simulation.Running;
using Flecs.Simulation.Scenarios;
using Spectre.Console;

namespace Flecs.Cli.Commands;

/// <summary><c>flecs simulate SCENARIO [--days N] [--seed N] [--out DIR] [--json]</c>: runs a scenario file through a new embedded node and writes the report (docs/scenarios.md).</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = $"A scenario file (YAML, docs/scenarios.md), or a built-in scenario: {string.Join(", ", ScenarioFile.BuiltIn)}." };
        var days = new Option<int?>("--days") { Description = "Simulate this many days instead of the scenario's." };
        var seed = new Option<long?>("--seed") { Description = "Use this random seed instead of the scenario's." };
        var output = new Option<string?>("--out") { Description = "Output directory: report.html, CSV and Parquet exports, and the ledger in ledger/ (default out/simulation/NAME). An earlier run there is replaced." };
        var json = Shell.JsonOption();
        var command = new Command("simulate", "Simulate a district scenario end to end through the ledger and write an HTML report with CSV and Parquet exports.") { scenario, days, seed, output, json };
        command.SetAction(async (r, ct) =>
        {
            var asJson = r.GetValue(json);
            var loaded = ScenarioFile.Load(r.GetValue(scenario)!);
            if (!loaded.IsSuccess)
            {
                return Shell.Fail(loaded.Error, asJson, ExitCodes.InvalidInput);
            }

            var chosen = loaded.Value;
            if (r.GetValue(days) is { } d)
            {
                chosen = chosen with { Days = d };
            }

            if (r.GetValue(seed) is { } s)
            {
                chosen = chosen with { Seed = s };
            }

            return await RunAsync(chosen, r.GetValue(output) ?? Path.Combine("out", "simulation", chosen.Name), asJson, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs a scenario with a progress bar (or quietly with --json), writes the report and prints a summary; returns the exit code.</summary>
    public static async Task<int> RunAsync(Scenario scenario, string output, bool json, CancellationToken ct)
    {
        var run = await RunQuietlyOrWithProgressAsync(scenario, output, showProgress: !json, ct).ConfigureAwait(false);
        if (!run.IsSuccess)
        {
            return Shell.Fail(run.Error, json, ExitCodeOf(run.Error.Code));
        }

        if (json)
        {
            Shell.WriteJson(JsonSummary(run.Value));
        }
        else
        {
            PrintSummary(run.Value);
        }

        return run.Value.Result.Ledger.Verified ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }

    /// <summary>Runs a scenario into <paramref name="output"/> (ledger in <c>ledger/</c>) and writes the report; a progress bar on the console when asked and possible.</summary>
    public static async Task<Result<Completed>> RunQuietlyOrWithProgressAsync(Scenario scenario, string output, bool showProgress, CancellationToken ct)
    {
        var outputDirectory = Path.GetFullPath(output);
        var ledger = Path.Combine(outputDirectory, "ledger");
        Result<SimulationResult> run;
        var wall = Stopwatch.StartNew();
        if (!showProgress || Console.IsOutputRedirected)
        {
            run = await Simulator.RunAsync(scenario, ledger, null, ct).ConfigureAwait(false);
        }
        else
        {
            run = await AnsiConsole.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 20 }, new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"[bold]{Markup.Escape(scenario.Name)}[/] set-up", maxValue: scenario.Days * (1_440.0 / scenario.IntervalMinutes));
                    var progress = new Progress<SimulationProgress>(p =>
                    {
                        task.Value = p.Intervals;
                        var rate = wall.Elapsed.TotalSeconds > 0 ? p.Intervals / wall.Elapsed.TotalSeconds : 0;
                        task.Description = $"[bold]{Markup.Escape(scenario.Name)}[/] {p.Phase} {p.SimulatedTime.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)}Z · {rate.ToString("N0", CultureInfo.InvariantCulture)} intervals/s";
                    });
                    return await Simulator.RunAsync(scenario, ledger, progress, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }

        if (!run.IsSuccess)
        {
            return run.Error;
        }

        var files = await ReportWriter.WriteAsync(run.Value, outputDirectory, ct).ConfigureAwait(false);
        return new Completed(run.Value, files, ledger, wall.Elapsed);
    }

    /// <summary>The figures of a run for --json.</summary>
    public static object JsonSummary(Completed completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var (result, files, wall) = (completed.Result, completed.Files, completed.Wall.TotalSeconds);
        var summary = Summary.Of(result);
        return new
        {
            ok = result.Ledger.Verified,
            scenario = result.Scenario.Name,
            seed = result.Scenario.Seed,
            days = result.Scenario.Days,
            interval_minutes = result.Scenario.IntervalMinutes,
            prosumers = result.Scenario.Prosumers,
            players = result.Scenario.Players,
            intervals = result.Intervals.Count,
            prosumer_intervals = (long)result.Intervals.Count * result.Scenario.Prosumers,
            wall_s = Math.Round(wall, 1),
            prosumer_intervals_per_s = Math.Round((double)result.Intervals.Count * result.Scenario.Prosumers / wall),
            peak_rss_mib = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0),
            blocks = result.Ledger.Blocks,
            transactions = result.Ledger.Transactions,
            rejected = result.Ledger.Rejected,
            head_hash = result.Ledger.HeadHash,
            verified = result.Ledger.Verified,
            verify_message = result.Ledger.VerifyMessage,
            self_sufficiency = Math.Round(summary.SelfSufficiency, 4),
            mean_mpm_price_eur_mwh = Math.Round(summary.MeanMpmPrice, 2),
            households_bills_eur = Math.Round(summary.Bills, 2),
            households_baseline_eur = Math.Round(summary.Baseline, 2),
            report = files.Html,
            intervals_csv = files.IntervalsCsv,
            intervals_parquet = files.IntervalsParquet,
            players_csv = files.PlayersCsv,
            contracts_csv = files.ContractsCsv,
            ledger = completed.Ledger,
        };
    }

    /// <summary>Prints a run's summary table and the report's path.</summary>
    public static void PrintSummary(Completed completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var (result, files, wall) = (completed.Result, completed.Files, completed.Wall.TotalSeconds);
        var summary = Summary.Of(result);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("measure").AddColumn("value");
        table.AddRow("simulated", $"{result.Scenario.Days} days × {result.Intervals.Count / Math.Max(1, result.Scenario.Days):N0} intervals of {result.Scenario.IntervalMinutes} min; {result.Scenario.Prosumers} households, {result.Scenario.Players} players");
        table.AddRow("wall time", $"{wall:N1} s ({result.Intervals.Count * (double)result.Scenario.Prosumers / wall:N0} household-intervals/s, peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MiB)");
        table.AddRow("ledger", $"{result.Ledger.Blocks:N0} blocks, {result.Ledger.Transactions:N0} transactions ({result.Ledger.Rejected:N0} refused by design), head {result.Ledger.HeadHash[..16]}…");
        table.AddRow("verified (replay from genesis)", result.Ledger.Verified ? "[green]✓[/] " + Markup.Escape(result.Ledger.VerifyMessage) : "[red]✗ " + Markup.Escape(result.Ledger.VerifyMessage) + "[/]");
        table.AddRow("MPM price", $"mean {summary.MeanMpmPrice:N1} €/MWh, max {summary.MaxMpmPrice:N0} €/MWh");
        table.AddRow("households' self-sufficiency", $"{summary.SelfSufficiency:P1}");
        table.AddRow("households' net bills", $"{-summary.Bills:N0} € against a baseline of {-summary.Baseline:N0} € (all load at {result.Scenario.RetailTariffEurPerKwh:0.00} €/kWh)");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[bold]Report:[/] {files.Html}");
        AnsiConsole.MarkupLineInterpolated($"[grey]Exports: {files.IntervalsCsv}, {files.IntervalsParquet}, {files.PlayersCsv}, {files.ContractsCsv}. Ledger: {completed.Ledger}[/]");
    }

    /// <summary>The exit code of a simulation error.</summary>
    public static int ExitCodeOf(string code) => code switch
    {
        ScenarioErrors.Output => ExitCodes.DataDirectory,
        ScenarioErrors.Refused => ExitCodes.Rejected,
        _ when code.StartsWith("simulation.scenario.", StringComparison.Ordinal) => ExitCodes.InvalidInput,
        _ => Shell.ExitCodeOf(code),
    };

    /// <summary>A finished run: its results, the report's files, the ledger directory and the wall time.</summary>
    public sealed record Completed(SimulationResult Result, ReportFiles Files, string Ledger, TimeSpan Wall);

    /// <summary>The households' headline figures.</summary>
    private sealed record Summary(double SelfSufficiency, double MeanMpmPrice, double MaxMpmPrice, double Bills, double Baseline)
    {
        public static Summary Of(SimulationResult result)
        {
            var households = result.Players.Where(p => p.Load > 0 && string.Equals(p.Role, "prosumer", StringComparison.Ordinal) && p.Group.Length > 0).ToList();
            var load = households.Sum(p => p.Load);
            var imported = households.Sum(p => p.Import);
            return new Summary(
                load > 0 ? Math.Clamp((load - imported) / load, 0, 1) : 0,
                result.Intervals.Count > 0 ? result.Intervals.Average(i => i.MpmPrice) : 0,
                result.Intervals.Count > 0 ? result.Intervals.Max(i => i.MpmPrice) : 0,
                households.Sum(p => p.Bill),
                households.Sum(p => p.Baseline));
        }
    }
}
