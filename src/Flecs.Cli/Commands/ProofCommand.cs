using System.CommandLine;
using Flecs.Cli.Output;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Proofs;
using Flecs.Ledger.Storage;
using Flecs.Node.Hosting;
using Spectre.Console;

namespace Flecs.Cli.Commands;

/// <summary><c>flecs proof tx|consistency|verify</c>: proofs for light clients that hold only the genesis file.</summary>
internal static class ProofCommand
{
    public static Command Create()
    {
        var proof = new Command("proof", "Create and verify inclusion and consistency proofs.");
        proof.Subcommands.Add(Transaction());
        proof.Subcommands.Add(Consistency());
        proof.Subcommands.Add(Verify());
        return proof;
    }

    private static Command Transaction()
    {
        var data = Shell.DataOption();
        var id = new Option<string>("--id") { Description = "The transaction id (64 hex digits).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the proof file.", Required = true };
        var json = Shell.JsonOption();
        var command = new Command("tx", "Prove that a transaction and its receipt are in the chain, up to the current sealed head.") { data, id, output, json };
        command.SetAction(r =>
        {
            var asJson = r.GetValue(json);
            if (!Hash256.TryParse(r.GetValue(id), out var txId))
            {
                return Shell.Fail(new Error("cli.usage", "--id must be 64 hex digits."), asJson, ExitCodes.Usage);
            }

            return Write(r.GetValue(data)!, r.GetValue(output)!, asJson, (store, genesis) => ProofBuilder.ForTransaction(store, genesis, txId) is { IsSuccess: true } p ? p.Value.Encode() : ProofBuilder.ForTransaction(store, genesis, txId).Error!);
        });
        return command;
    }

    private static Command Consistency()
    {
        var data = Shell.DataOption();
        var from = new Option<long>("--from") { Description = "The older head height (≥ 1).", Required = true };
        var to = new Option<long?>("--to") { Description = "The newer head height (default: the current head)." };
        var output = new Option<string>("--out") { Description = "Where to write the proof file.", Required = true };
        var json = Shell.JsonOption();
        var command = new Command("consistency", "Prove that the sealed head at --to extends the sealed head at --from.") { data, from, to, output, json };
        command.SetAction(r => Write(r.GetValue(data)!, r.GetValue(output)!, r.GetValue(json), (store, genesis) =>
        {
            var proof = ProofBuilder.Consistency(store, genesis, r.GetValue(from), r.GetValue(to) ?? store.HeadHeight);
            return proof.IsSuccess ? proof.Value.Encode() : proof.Error;
        }));
        return command;
    }

    private static Command Verify()
    {
        var genesisFile = new Option<string>("--genesis") { Description = "The chain's genesis file: the only trusted input.", Required = true };
        var proofFile = new Option<string>("--proof") { Description = "The proof file.", Required = true };
        var json = Shell.JsonOption();
        var command = new Command("verify", "Verify a proof with nothing but the genesis file (what a Raspberry-Pi-class player runs).") { genesisFile, proofFile, json };
        command.SetAction(r =>
        {
            var asJson = r.GetValue(json);
            byte[] genesisBytes;
            byte[] proofBytes;
            try
            {
                genesisBytes = File.ReadAllBytes(r.GetValue(genesisFile)!);
                proofBytes = File.ReadAllBytes(r.GetValue(proofFile)!);
            }
            catch (IOException ex)
            {
                return Shell.Fail(new Error("cli.input.unreadable", ex.Message), asJson, ExitCodes.InvalidInput);
            }

            var genesis = GenesisConfig.Decode(genesisBytes);
            if (!genesis.IsSuccess)
            {
                return Shell.Fail(genesis.Error, asJson, ExitCodes.InvalidInput);
            }

            var decoded = ProofEncoding.Decode(proofBytes);
            if (!decoded.IsSuccess)
            {
                return Shell.Fail(decoded.Error, asJson, ExitCodes.InvalidInput);
            }

            var verifier = new Ed25519SignatureVerifier();
            switch (decoded.Value)
            {
                case TransactionProof tx:
                    var proven = tx.Verify(genesis.Value, verifier);
                    if (!proven.IsSuccess)
                    {
                        return Shell.Fail(proven.Error, asJson, ExitCodes.VerificationFailed);
                    }

                    var p = proven.Value;
                    if (asJson)
                    {
                        Shell.WriteJson(new { ok = true, kind = "transaction", id = p.TransactionId.ToString(), status = p.Receipt.IsAccepted ? "accepted" : "rejected", code = p.Receipt.IsAccepted ? null : p.Receipt.Code, height = p.Height, position = p.Position, head_height = p.HeadHeight, head_hash = p.HeadHash.ToString() });
                    }
                    else
                    {
                        AnsiConsole.MarkupLineInterpolated($"[green]valid proof[/]: transaction {p.TransactionId} is in block {p.Height} (position {p.Position}), {(p.Receipt.IsAccepted ? "accepted" : "rejected " + p.Receipt.Code)}; sealed head {p.HeadHeight}");
                    }

                    return ExitCodes.Ok;
                case ConsistencyProof consistency:
                    var checkedHeights = consistency.Verify(genesis.Value, verifier);
                    if (!checkedHeights.IsSuccess)
                    {
                        return Shell.Fail(checkedHeights.Error, asJson, ExitCodes.VerificationFailed);
                    }

                    if (asJson)
                    {
                        Shell.WriteJson(new { ok = true, kind = "consistency", old_height = checkedHeights.Value.OldHeight, new_height = checkedHeights.Value.NewHeight });
                    }
                    else
                    {
                        AnsiConsole.MarkupLineInterpolated($"[green]valid proof[/]: the sealed head {checkedHeights.Value.NewHeight} extends the sealed head {checkedHeights.Value.OldHeight}");
                    }

                    return ExitCodes.Ok;
                default:
                    return Shell.Fail(new Error(ProofEncoding.MalformedProof, "Unknown proof."), asJson, ExitCodes.InvalidInput);
            }
        });
        return command;
    }

    private static int Write(string data, string output, bool json, Func<ILedgerStore, GenesisConfig, Result<byte[]>> build)
    {
        var directory = new DataDirectory(data);
        var genesis = directory.ReadGenesis();
        if (!genesis.IsSuccess)
        {
            return Shell.Fail(genesis.Error, json);
        }

        try
        {
            using var store = directory.OpenStore();
            var bytes = build(store, genesis.Value);
            if (!bytes.IsSuccess)
            {
                return Shell.Fail(bytes.Error, json, ExitCodes.InvalidInput);
            }

            File.WriteAllBytes(output, bytes.Value);
            if (json)
            {
                Shell.WriteJson(new { ok = true, proof = Path.GetFullPath(output), bytes = bytes.Value.Length });
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {output} ({bytes.Value.Length} bytes); check it with: flecs proof verify --genesis {directory.GenesisPath} --proof {output}");
            }

            return ExitCodes.Ok;
        }
        catch (LedgerStoreException ex)
        {
            return Shell.Fail(new Error(LedgerErrors.StoreCorrupt, ex.Message), json);
        }
    }
}
