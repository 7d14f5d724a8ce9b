using System.CommandLine;
using System.Diagnostics;
using Flecs.Cli.Output;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Spectre.Console;

namespace Flecs.Cli.Bench;

/// <summary>
/// <c>flecs bench ledger</c>: (a) single-core Ed25519 verifications per second and (b) committed signed
/// transactions per second of the embedded node on all cores, measured in one run; ratio = b / (cores × a).
/// </summary>
internal static class LedgerBenchmark
{
    private const int BatchSize = 256;

    public static Command Create()
    {
        var transactions = new Option<int>("--transactions") { Description = "Signed transactions to commit in the timed run.", DefaultValueFactory = _ => 60_000 };
        var players = new Option<int>("--players") { Description = "Distinct signing players.", DefaultValueFactory = _ => 1_000 };
        var json = Shell.JsonOption();
        var command = new Command("ledger", "Measure signature verification and committed transactions per second of the embedded node.") { transactions, players, json };
        command.SetAction(async (r, ct) =>
        {
            var result = await RunAsync(r.GetValue(transactions), r.GetValue(players), ct).ConfigureAwait(false);
            if (r.GetValue(json))
            {
                Shell.WriteJson(result);
            }
            else
            {
                var table = new Table().AddColumn("measure").AddColumn("value");
                table.AddRow("cores", result.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture));
                table.AddRow("Ed25519 verifications/s, one core", result.VerifyPerSSingleCore.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                table.AddRow("committed signed tx/s, embedded node", result.CommittedTxPerS.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                table.AddRow("ratio committed / (cores × verify)", result.Ratio.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
                table.AddRow("target ratio", result.TargetRatio.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
                table.AddRow("blocks", result.Blocks.ToString(System.Globalization.CultureInfo.InvariantCulture));
                AnsiConsole.Write(table);
            }

            return result.Ratio >= result.TargetRatio ? ExitCodes.Ok : ExitCodes.TargetMissed;
        });
        return command;
    }

    public static async Task<LedgerBenchmarkResult> RunAsync(int transactionCount, int playerCount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(playerCount, 1);
        var verifyRate = MeasureSingleCoreVerify();
        var chain = await BenchChain.CreateAsync("flecs-bench-", playerCount, TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
        await using (chain.ConfigureAwait(false))
        {
            var node = chain.Node;
            var (ids, keys) = (chain.Ids, chain.Keys);
            var perPlayer = ((transactionCount + playerCount - 1) / playerCount) + 1;
            var signed = new byte[playerCount][][];
            Parallel.For(0, playerCount, i =>
            {
                signed[i] = new byte[perPlayer][];
                for (var k = 0; k < perPlayer; k++)
                {
                    var document = Sha256Digest.Hash(System.Text.Encoding.UTF8.GetBytes($"bench/{i}/{k}"));
                    signed[i][k] = Transaction.Create(node.Genesis.ChainId, TransactionType.AnchorDocument, ids[i], k + 1, long.MaxValue / 2, new AnchorDocumentPayload(document, "bench").Encode(), keys[i]).Bytes;
                }
            });

            var cores = Environment.ProcessorCount;
            var warmUp = await Task.WhenAll(Enumerable.Range(0, playerCount).Select(i => node.SubmitAsync(signed[i][0], ct))).ConfigureAwait(false);
            if (warmUp.Any(s => !s.IsAccepted))
            {
                throw new InvalidOperationException("A warm-up transaction was rejected.");
            }

            var startHeight = node.Chain.Head.Height;
            var stopwatch = Stopwatch.StartNew();
            // Each worker submits its players' transactions in sequence order, in batches as a gateway or
            // aggregator would, without waiting for one batch before sending the next.
            var workers = Enumerable.Range(0, cores).Select(w => Task.Run(async () =>
            {
                var stream = new List<byte[]>(perPlayer * ((playerCount / cores) + 1));
                for (var k = 1; k < perPlayer; k++)
                {
                    for (var i = w; i < playerCount; i += cores)
                    {
                        stream.Add(signed[i][k]);
                    }
                }

                var batches = stream.Chunk(BatchSize).Select(batch => node.SubmitManyAsync(batch, ct)).ToList();
                var results = await Task.WhenAll(batches).ConfigureAwait(false);
                return results.Sum(r => r.Count(s => s.IsAccepted));
            }, ct)).ToArray();
            var accepted = (await Task.WhenAll(workers).ConfigureAwait(false)).Sum();
            stopwatch.Stop();
            var total = (perPlayer - 1) * playerCount;
            if (accepted != total)
            {
                throw new InvalidOperationException($"Only {accepted} of {total} benchmark transactions were accepted.");
            }

            var committed = total / stopwatch.Elapsed.TotalSeconds;
            return new LedgerBenchmarkResult(
                Cores: cores,
                VerifyPerSSingleCore: Math.Round(verifyRate),
                CommittedTxPerS: Math.Round(committed),
                Ratio: Math.Round(committed / (cores * verifyRate), 3),
                TargetRatio: 0.7,
                Transactions: total,
                Players: playerCount,
                Blocks: node.Chain.Head.Height - startHeight,
                ElapsedS: Math.Round(stopwatch.Elapsed.TotalSeconds, 3));
        }
    }

    private static double MeasureSingleCoreVerify()
    {
        const int Keys = 100;
        const int Messages = 4_000;
        var verifier = new Ed25519SignatureVerifier();
        var signers = Enumerable.Range(0, Keys).Select(_ => Ed25519Signer.Generate()).ToArray();
        var messages = Enumerable.Range(0, Messages).Select(i => System.Text.Encoding.UTF8.GetBytes($"FLECS/tx/v1 benchmark message {i:D8} padded to a transaction-like length of two hundred bytes ........................................................................................")).ToArray();
        var signatures = messages.Select((m, i) => signers[i % Keys].Sign(m)).ToArray();
        var best = 0.0;
        for (var round = 0; round < 4; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < Messages; i++)
            {
                if (!verifier.Verify(signers[i % Keys].PublicKey, messages[i], signatures[i]))
                {
                    throw new InvalidOperationException("A benchmark signature failed to verify.");
                }
            }

            best = Math.Max(best, Messages / stopwatch.Elapsed.TotalSeconds);
        }

        foreach (var signer in signers)
        {
            signer.Dispose();
        }

        return best;
    }
}
