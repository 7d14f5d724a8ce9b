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
        var warmUp = new Option<int>("--warm-up") { Description = "Transactions committed before the timed run, so that it measures the node in its steady state.", DefaultValueFactory = _ => 20_000 };
        var json = Shell.JsonOption();
        var command = new Command("ledger", "Measure signature verification and committed transactions per second of the embedded node.") { transactions, players, warmUp, json };
        command.SetAction(async (r, ct) =>
        {
            var result = await RunAsync(r.GetValue(transactions), r.GetValue(players), r.GetValue(warmUp), ct).ConfigureAwait(false);
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

    public static async Task<LedgerBenchmarkResult> RunAsync(int transactionCount, int playerCount, int warmUpCount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(transactionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(playerCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmUpCount);
        var verifyRate = MeasureSingleCoreVerify();
        var chain = await BenchChain.CreateAsync("flecs-bench-", playerCount, TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
        await using (chain.ConfigureAwait(false))
        {
            var node = chain.Node;
            var (ids, keys) = (chain.Ids, chain.Keys);
            // Whole rounds: every player signs one transaction per round, with the next sequence number.
            var warmUpRounds = Math.Max(1, (warmUpCount + playerCount - 1) / playerCount);
            var timedRounds = (transactionCount + playerCount - 1) / playerCount;
            var rounds = warmUpRounds + timedRounds;
            var signed = new byte[playerCount][][];
            Parallel.For(0, playerCount, i =>
            {
                signed[i] = new byte[rounds][];
                for (var k = 0; k < rounds; k++)
                {
                    var document = Sha256Digest.Hash(System.Text.Encoding.UTF8.GetBytes($"bench/{i}/{k}"));
                    signed[i][k] = Transaction.Create(node.Genesis.ChainId, TransactionType.AnchorDocument, ids[i], k + 1, long.MaxValue / 2, new AnchorDocumentPayload(document, "bench").Encode(), keys[i]).Bytes;
                }
            });

            var cores = Environment.ProcessorCount;

            // The warm-up goes through the same path as the timed run, so that the JIT has promoted the hot methods to
            // their optimized tier and the store has its working set before the clock starts.
            // The signed inputs are the harness's, not the node's: a full collection moves them to the oldest generation
            // before the warm-up, and another one after it, as a node that has run for a while holds its long-lived
            // objects there; the timed run's collections then copy only what the node allocates in it.
            Settle();
            await SubmitRoundsAsync(0, warmUpRounds).ConfigureAwait(false);
            Settle();
            var startHeight = node.Chain.Head.Height;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var pausedBefore = GC.GetTotalPauseDuration();
            var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            await SubmitRoundsAsync(warmUpRounds, rounds).ConfigureAwait(false);
            stopwatch.Stop();
            process.Refresh();
            var total = timedRounds * playerCount;
            var cpuPerTx = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / total;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var committed = total / stopwatch.Elapsed.TotalSeconds;
            return new LedgerBenchmarkResult(
                Cores: cores,
                VerifyPerSSingleCore: Math.Round(verifyRate),
                CommittedTxPerS: Math.Round(committed),
                Ratio: Math.Round(committed / (cores * verifyRate), 3),
                TargetRatio: 0.7,
                Transactions: total,
                Players: playerCount,
                WarmUpTransactions: warmUpRounds * playerCount,
                Blocks: node.Chain.Head.Height - startHeight,
                ElapsedS: Math.Round(stopwatch.Elapsed.TotalSeconds, 3),
                AllocatedBytesPerTx: allocated / total,
                CpuUsPerTx: Math.Round(cpuPerTx, 1),
                VerifyUsPerTx: Math.Round(1e6 / verifyRate, 1),
                GcPauseS: Math.Round((GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds, 3),
                GcCollections: [.. Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g])]);

            // Each worker submits its players' transactions of rounds [from, to) in sequence order, in batches as a
            // gateway or aggregator would, without waiting for one batch before sending the next.
            async Task SubmitRoundsAsync(int from, int to)
            {
                var workers = Enumerable.Range(0, cores).Select(w => Task.Run(async () =>
                {
                    var stream = new List<byte[]>((to - from) * ((playerCount / cores) + 1));
                    for (var k = from; k < to; k++)
                    {
                        for (var i = w; i < playerCount; i += cores)
                        {
                            stream.Add(signed[i][k]);
                        }
                    }

                    // Each batch's answers are counted as it completes and then dropped, as a client would: holding all of
                    // them until the end made every collection copy tens of thousands of answers the node no longer has.
                    var accepted = await Task.WhenAll(stream.Chunk(BatchSize).Select(async batch => (await node.SubmitManyAsync(batch, ct).ConfigureAwait(false)).Count(s => s.IsAccepted))).ConfigureAwait(false);
                    return accepted.Sum();
                }, ct)).ToArray();
                var accepted = (await Task.WhenAll(workers).ConfigureAwait(false)).Sum();
                if (accepted != (to - from) * playerCount)
                {
                    throw new InvalidOperationException($"Only {accepted} of {(to - from) * playerCount} benchmark transactions were accepted.");
                }
            }
        }
    }

    private static void Settle() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

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
