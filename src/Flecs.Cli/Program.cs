using System.CommandLine;
using Flecs.Cli;
using Flecs.Cli.Bench;
using Flecs.Cli.Commands;
using Flecs.Cli.Market;

var root = new RootCommand("FLECS — flexible energy contracts on a Proof-of-Authority ledger.");
root.Subcommands.Add(InitCommand.Create());
root.Subcommands.Add(NodeCommand.Create());
root.Subcommands.Add(PlayerCommand.Create());
root.Subcommands.Add(PlayerCommand.CreateValidator());
root.Subcommands.Add(LedgerCommand.Create());
root.Subcommands.Add(ProofCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(MarketCommand.Create());
root.Subcommands.Add(ContractCommand.Create());
root.Subcommands.Add(SettlementCommand.Create());
root.Subcommands.Add(MeterCommand.Create());
root.Subcommands.Add(InvoiceCommand.Create());
var bench = new Command("bench", "Benchmarks with --json output (figures are ratios measured in one run).");
bench.Subcommands.Add(LedgerBenchmark.Create());
bench.Subcommands.Add(MarketBenchmark.Create());
bench.Subcommands.Add(ContractBenchmark.Create());
bench.Subcommands.Add(SettlementBenchmark.Create());
bench.Subcommands.Add(ApiBenchmark.Create());
root.Subcommands.Add(bench);
// No response files: an argument such as `--account @mpm` (the P2G interface account) is a value, not a file to expand.
var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync("error cli.usage: " + error.Message).ConfigureAwait(false);
    }

    await Console.Error.WriteLineAsync("Run 'flecs --help' (or 'flecs COMMAND --help') for usage.").ConfigureAwait(false);
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync().ConfigureAwait(false);
