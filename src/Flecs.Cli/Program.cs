using System.CommandLine;
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
root.Subcommands.Add(MarketCommand.Create());
var bench = new Command("bench", "Benchmarks with --json output (figures are ratios measured in one run).");
bench.Subcommands.Add(LedgerBenchmark.Create());
bench.Subcommands.Add(MarketBenchmark.Create());
root.Subcommands.Add(bench);
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
