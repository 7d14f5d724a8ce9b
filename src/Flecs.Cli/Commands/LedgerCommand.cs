using System.CommandLine;
using Flecs.Cli.Output;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Storage;
using Flecs.Ledger.Verification;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Spectre.Console;

namespace Flecs.Cli.Commands;

/// <summary><c>flecs ledger show|verify</c>.</summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var ledger = new Command("ledger", "Inspect and verify the ledger of a data directory.");
        ledger.Subcommands.Add(Show());
        ledger.Subcommands.Add(Verify());
        return ledger;
    }

    private static Command Show()
    {
        var data = Shell.DataOption();
        var json = Shell.JsonOption();
        var command = new Command("show", "Head height and hash, block and transaction counts.") { data, json };
        command.SetAction(r =>
        {
            var asJson = r.GetValue(json);
            var directory = new DataDirectory(r.GetValue(data)!);
            var genesis = directory.ReadGenesis();
            if (!genesis.IsSuccess)
            {
                return Shell.Fail(genesis.Error, asJson);
            }

            try
            {
                using var store = directory.OpenStore();
                var head = store.ReadBlock(store.HeadHeight);
                var (blocks, transactions, accepted) = store.Count();
                var state = store.ReadState();
                var players = state.Count(e => e.Key.StartsWith(PlayerRecord.KeyPrefix, StringComparison.Ordinal));
                var validators = state.Where(e => string.Equals(e.Key, ValidatorSetState.Key, StringComparison.Ordinal)).Select(e => ValidatorSet.Read(Flecs.Ledger.Encoding.Cbor.NewReader(e.Value)).Select(v => v.Id.Value).ToArray()).FirstOrDefault() ?? [];
                var genesisHash = GenesisBlock.Create(genesis.Value).Hash.ToString();
                if (asJson)
                {
                    Shell.WriteJson(new
                    {
                        ok = true,
                        chain_id = genesis.Value.ChainId,
                        genesis_hash = genesisHash,
                        head_height = store.HeadHeight,
                        head_hash = head?.Hash.ToString(),
                        blocks,
                        transactions,
                        accepted,
                        rejected = transactions - accepted,
                        players,
                        validators,
                    });
                }
                else
                {
                    var table = new Table().AddColumn("ledger").AddColumn("value");
                    table.AddRow("chain", genesis.Value.ChainId);
                    table.AddRow("genesis hash", genesisHash);
                    table.AddRow("head height", store.HeadHeight.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    table.AddRow("head hash", head?.Hash.ToString() ?? "-");
                    table.AddRow("blocks", blocks.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    table.AddRow("transactions", $"{transactions} ({accepted} accepted, {transactions - accepted} rejected)");
                    table.AddRow("players", players.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    table.AddRow("validators", string.Join(", ", validators));
                    AnsiConsole.Write(table);
                }

                return ExitCodes.Ok;
            }
            catch (LedgerStoreException ex)
            {
                return Shell.Fail(new Error(LedgerErrors.StoreCorrupt, ex.Message), asJson);
            }
        });
        return command;
    }

    private static Command Verify()
    {
        var data = Shell.DataOption();
        var genesisFile = new Option<string?>("--genesis") { Description = "A trusted genesis file; the store's genesis must equal it (default: the directory's genesis.cbor)." };
        var json = Shell.JsonOption();
        var command = new Command("verify", "Replay the chain from genesis: hash links, seals, Merkle roots, every signature, re-executed receipts and state.") { data, genesisFile, json };
        command.SetAction(r =>
        {
            var asJson = r.GetValue(json);
            var directory = new DataDirectory(r.GetValue(data)!);
            if (!directory.HasStore)
            {
                return Shell.Fail(new Error(DataDirectory.NotInitialized, $"No ledger store in '{directory.Root}'."), asJson);
            }

            byte[]? trusted;
            try
            {
                trusted = r.GetValue(genesisFile) is { } path ? File.ReadAllBytes(path) : directory.IsInitialized ? File.ReadAllBytes(directory.GenesisPath) : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Shell.Fail(new Error("cli.input.unreadable", $"Cannot read the genesis file: {ex.Message}"), asJson, ExitCodes.InvalidInput);
            }

            VerificationReport report;
            try
            {
                using var store = directory.OpenStore();
                report = LedgerVerifier.Verify(store, new Ed25519SignatureVerifier(), StandardModules.Executors(), trustedGenesis: trusted);
            }
            catch (LedgerStoreException ex)
            {
                report = new VerificationReport(new Error(LedgerErrors.StoreCorrupt, ex.Message), 0, 0, 0, -1, default);
            }

            if (asJson)
            {
                Shell.WriteJson(new
                {
                    ok = report.IsValid,
                    blocks_verified = report.BlocksVerified,
                    transactions_verified = report.TransactionsVerified,
                    head_height = report.HeadHeight,
                    head_hash = report.HeadHash.ToString(),
                    first_bad_height = report.IsValid ? (long?)null : report.FirstBadHeight,
                    code = report.Error?.Code,
                    message = report.Error?.Message,
                });
            }
            else if (report.IsValid)
            {
                AnsiConsole.MarkupLineInterpolated($"[green]verified[/] {report.BlocksVerified} blocks, {report.TransactionsVerified} transactions; head {report.HeadHeight} {report.HeadHash}");
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"[red]verification failed[/] at height {report.FirstBadHeight}: {report.Error!.Code}: {report.Error.Message}");
            }

            return report.IsValid ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        });
        return command;
    }
}
