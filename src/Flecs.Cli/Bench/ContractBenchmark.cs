using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Time;

using Spectre.Console;

namespace Flecs.Cli.Bench;

/// <summary>The <c>flecs bench contracts [--json]</c> command: interval executions per second on one core for every standard template.</summary>
/// <remarks>
/// Each template runs its generic dry-run parameters (<see cref="DryRunSample"/>) over consecutive 1-minute intervals
/// whose meter readings vary (a fixed-seed generator), threading the contract state, on the calling thread through the
/// same <see cref="ContractRuntime"/> the node uses — sandbox, marshalling and output checks included; building the
/// inputs is not timed. Target: ≥ 50,000 executions/s for the simplest template (p2p-fixed); missing it exits 20.
/// </remarks>
internal static class ContractBenchmark
{
    public const int Target = 50_000;

    private const string Simplest = "p2p-fixed";

    public static Command Create()
    {
        var json = Flecs.Cli.Output.Shell.JsonOption();
        var count = new Option<int>("--intervals") { Description = "Measured executions per template.", DefaultValueFactory = _ => 50_000 };
        var command = new Command("contracts", "Contract interval executions per second on one core, per standard template.") { json, count };
        command.SetAction(r => Run(r.GetValue(count), r.GetValue(json)));
        return command;
    }

    private static int Run(int count, bool json)
    {
        if (count is < 1_000 or > 10_000_000)
        {
            Console.Error.WriteLine("error: --intervals must be 1,000…10,000,000");
            return ExitCodes.Usage;
        }

        var results = new List<(string Kind, double PerSecond, double MicrosPerExecution)>();
        var workloads = StandardLibrary.All.Select(t => (Template: t, Runtime: new ContractRuntime(), Calls: Calls(t, count))).ToList();

        // Warm up every template first: the JIT tiers the shared engine code during the first template's run otherwise.
        foreach (var (_, runtime, calls) in workloads)
        {
            Measure(runtime, calls.Take(Math.Min(5_000, count)).ToList());
        }

        foreach (var (template, runtime, calls) in workloads)
        {
            GC.Collect();
            var elapsed = Measure(runtime, calls);
            results.Add((template.Meta.Kind, count / elapsed.TotalSeconds, elapsed.TotalMicroseconds / count));
        }

        var simplest = results.Single(r => string.Equals(r.Kind, Simplest, StringComparison.Ordinal)).PerSecond;
        var meets = simplest >= Target;
        if (json)
        {
            Flecs.Cli.Output.Shell.WriteJson(new
            {
                benchmark = "contracts",
                intervals = count,
                cores_used = 1,
                templates = results.Select(r => new { kind = r.Kind, executions_per_s_per_core = Math.Round(r.PerSecond), us_per_execution = Math.Round(r.MicrosPerExecution, 2) }),
                simplest = Simplest,
                simplest_executions_per_s = Math.Round(simplest),
                target_executions_per_s = Target,
                meets_target = meets,
            });
        }
        else
        {
            var table = new Table().Title($"Contract executions, {count:N0} intervals per template, one core").AddColumns("template", "executions/s", "µs/execution");
            foreach (var r in results)
            {
                table.AddRow(r.Kind, r.PerSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), r.MicrosPerExecution.ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
            }

            table.Caption(meets ? $"{Simplest} meets the {Target:N0}/s target" : $"{Simplest} MISSES the {Target:N0}/s target");
            AnsiConsole.Write(table);
        }

        return meets ? ExitCodes.Ok : ExitCodes.TargetMissed;
    }

    private static TimeSpan Measure(ContractRuntime runtime, IReadOnlyList<ContractCall> calls)
    {
        var state = ContractValue.EmptyMap;
        var stopwatch = Stopwatch.StartNew();
        foreach (var call in calls)
        {
            var outcome = runtime.Execute(call with { State = state });
            state = outcome.IsSuccess ? outcome.Value.State : throw new InvalidOperationException($"{call.Template.Meta.Kind}: {outcome.Error}");
        }

        return stopwatch.Elapsed;
    }

    private static List<ContractCall> Calls(Template template, int count)
    {
        var sample = DryRunSample.For(template.Meta);
        var parameters = template.Meta.CheckParameters(sample["params"]!).Value;
        var parties = template.Meta.Parties.ToImmutableSortedDictionary(r => r, r => r, StringComparer.Ordinal);
        var length = IntervalLength.FromMinutes(1);
        var first = 1_767_225_600L / 60;
        var seed = 0x9E3779B97F4A7C15UL;
        var calls = new List<ContractCall>(count);
        for (var i = 0; i < count; i++)
        {
            var meters = ImmutableSortedDictionary.CreateBuilder<string, MeterReading>(StringComparer.Ordinal);
            foreach (var role in template.Meta.Meters)
            {
                seed = unchecked((seed * 6364136223846793005UL) + 1442695040888963407UL);
                meters[role] = new MeterReading((long)(seed >> 52), (long)((seed >> 40) & 0xFFF) * 10, Renewable: true);
            }

            var prices = template.Meta.Prices.ToImmutableSortedDictionary(p => p, _ => 40_000L + (i % 97 * 1_000), StringComparer.Ordinal);
            calls.Add(new ContractCall(template, parameters, parties, first, first + count, ContractValue.EmptyMap, new IntervalInput(new DeliveryInterval(length, first + i), meters.ToImmutable(), prices)));
        }

        return calls;
    }
}
