using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Flecs.Core.Identity;
using Flecs.Core.Time;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Flecs.Ledger.Verification;
using Flecs.Node.Hosting;
using Flecs.Storage.Sqlite;

namespace Flecs.Cli.Tests;

/// <summary>Kills the node process with SIGKILL under sustained load and proves that every acknowledged transaction survived.</summary>
[Trait("Category", "Integration")]
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flecs-crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Node_KilledDuringLoad_EveryAcknowledgedTransactionIsPresentAndChainVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = new DataDirectory(_root);
        var genesis = data.Initialize("flecs-crash", IntervalLength.FromMinutes(1), 1, TimeProvider.System).Value;
        var sa = PlayerId.Parse("sa");
        using var saKey = KeyFile.Read(data.KeyPath(sa)).Value;
        var signed = Enumerable.Range(1, 30_000)
            .Select(seq => Transaction.Create(genesis.ChainId, TransactionType.AnchorDocument, sa, seq, long.MaxValue / 2, new AnchorDocumentPayload(Document(seq), "crash-test").Encode(), saKey))
            .ToArray();

        var acknowledged = await RunUntilKilledAsync(signed, killAfterAcks: 3_000, ct);

        Assert.True(acknowledged.Count >= 3_000, $"only {acknowledged.Count} acknowledgements before the kill");
        using (var store = SqliteLedgerStore.Open(data.StorePath))
        {
            foreach (var (id, height) in acknowledged)
            {
                var location = store.FindTransaction(id);
                Assert.NotNull(location);
                Assert.True(location.IsAccepted);
                Assert.Equal(height, location.Height);
            }

            var report = LedgerVerifier.Verify(store, new Ed25519SignatureVerifier());
            Assert.True(report.IsValid, report.Error?.ToString());
        }

        var (exitCode, output, _) = await FlecsProcess.RunAsync(ct, "ledger", "verify", "--data", _root, "--json");
        Assert.Equal(0, exitCode);
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);

        var committed = CommittedSequence(data.StorePath, sa);
        var resumed = await RunUntilKilledAsync(signed.Skip((int)committed).Take(200).ToArray(), killAfterAcks: int.MaxValue, ct);
        Assert.Equal(200, resumed.Count);
        Assert.Equal(committed + 200, CommittedSequence(data.StorePath, sa));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<List<(Hash256 Id, long Height)>> RunUntilKilledAsync(Transaction[] transactions, int killAfterAcks, CancellationToken ct)
    {
        using var process = Process.Start(FlecsProcess.StartInfo("node", "--data", _root))!;
        var acks = new ConcurrentQueue<(Hash256, long)>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(
            async () =>
            {
                string? line;
                string? partial = null;
                while ((line = await process.StandardOutput.ReadLineAsync(ct)) is not null)
                {
                    Assert.Null(partial);
                    JsonDocument ack;
                    try
                    {
                        ack = JsonDocument.Parse(line);
                    }
                    catch (JsonException)
                    {
                        // Only the very last line may be cut by SIGKILL; an unacknowledged line counts for nothing.
                        partial = line;
                        continue;
                    }

                    using var _ = ack;
                    Assert.True(ack.RootElement.GetProperty("ok").GetBoolean(), line);
                    acks.Enqueue((Hash256.Parse(ack.RootElement.GetProperty("id").GetString()!), ack.RootElement.GetProperty("height").GetInt64()));
                    if (acks.Count >= Math.Min(killAfterAcks, transactions.Length))
                    {
                        enough.TrySetResult();
                    }
                }

                enough.TrySetResult();
            },
            ct);
        var writer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var tx in transactions)
                    {
                        await process.StandardInput.WriteLineAsync(Convert.ToHexString(tx.Bytes).AsMemory(), ct);
                    }

                    await process.StandardInput.FlushAsync(ct);
                    if (killAfterAcks == int.MaxValue)
                    {
                        process.StandardInput.Close();
                    }
                }
                catch (IOException)
                {
                    // The node was killed while we were still writing: expected.
                }
            },
            ct);

        await enough.Task.WaitAsync(TimeSpan.FromMinutes(3), ct);
        if (killAfterAcks != int.MaxValue)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(ct);
        await writer;
        await reader;
        return [.. acks];
    }

    private static long CommittedSequence(string storePath, PlayerId player)
    {
        using var store = SqliteLedgerStore.Open(storePath);
        var entry = store.ReadState().Single(e => e.Key == PlayerRecord.StateKey(player));
        return PlayerRecord.Decode(entry.Value).Sequence;
    }

    private static Hash256 Document(int i) => Sha256Digest.Hash(System.Text.Encoding.UTF8.GetBytes($"crash/{i}"));
}
