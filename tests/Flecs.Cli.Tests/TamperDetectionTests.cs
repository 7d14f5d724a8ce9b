using System.Security.Cryptography;
using System.Text;
using Flecs.Core.Identity;
using Flecs.Core.Time;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Flecs.Cli.Tests;

/// <summary>Flips random bytes in the SQLite file and proves that <c>flecs ledger verify</c> detects every change that alters ledger content.</summary>
[Trait("Category", "Integration")]
public sealed class TamperDetectionTests : IDisposable
{
    private const int Flips = 48;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flecs-tamper-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task LedgerVerify_RandomByteFlipsInStore_DetectsEveryContentChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = new DataDirectory(_root);
        await BuildChainAsync(data, ct);
        var pristine = await File.ReadAllBytesAsync(data.StorePath, ct);
        var pristineDump = Dump(data.StorePath);
        Assert.NotNull(pristineDump);
        var (cleanExit, _, _) = await FlecsProcess.RunAsync(ct, "ledger", "verify", "--data", _root, "--json");
        Assert.Equal(0, cleanExit);

        // A fixed seed: the same flips on every run, so a failure reproduces.
        var random = new Random(20261124);
        var altered = 0;
        for (var i = 0; i < Flips; i++)
        {
            var tampered = (byte[])pristine.Clone();
            var offset = random.Next(100, tampered.Length);
            tampered[offset] ^= (byte)(1 << random.Next(8));
            await File.WriteAllBytesAsync(data.StorePath, tampered, ct);
            var dump = Dump(data.StorePath);
            if (dump is not null && dump.AsSpan().SequenceEqual(pristineDump))
            {
                continue;
            }

            altered++;
            var (exit, output, error) = await FlecsProcess.RunAsync(ct, "ledger", "verify", "--data", _root, "--json");
            Assert.True(exit != 0, $"flip at offset {offset} altered the content but verify passed: {output} {error}");
            Assert.Contains("\"ok\":false", output, StringComparison.Ordinal);
        }

        Assert.True(altered >= Flips / 4, $"only {altered} of {Flips} flips altered content; the test would prove little");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Every row of every table, in key order, or null when SQLite cannot read the file.</summary>
    private static byte[]? Dump(string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var sql in new[]
            {
                "SELECT key, value FROM meta ORDER BY key",
                "SELECT height, hash, header, seal FROM blocks ORDER BY height",
                "SELECT height, position, id, body, receipt FROM transactions ORDER BY height, position",
                "SELECT key, value FROM state ORDER BY key",
                "SELECT height, writes FROM state_log ORDER BY height",
                "SELECT id, height, position FROM transaction_ids ORDER BY id, height, position",
            })
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    for (var c = 0; c < reader.FieldCount; c++)
                    {
                        var value = reader.GetValue(c);
                        var bytes = value switch
                        {
                            byte[] b => b,
                            string s => Encoding.UTF8.GetBytes(s),
                            long l => BitConverter.GetBytes(l),
                            _ => Encoding.UTF8.GetBytes(value.GetType().Name + ":" + value),
                        };
                        sha.AppendData(BitConverter.GetBytes(bytes.Length));
                        sha.AppendData(bytes);
                    }
                }
            }

            return sha.GetHashAndReset();
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    private static async Task BuildChainAsync(DataDirectory data, CancellationToken ct)
    {
        data.Initialize("flecs-tamper", IntervalLength.FromMinutes(15), 1, TimeProvider.System);
        var sa = PlayerId.Parse("sa");
        using var saKey = KeyFile.Read(data.KeyPath(sa)).Value;
        var players = Enumerable.Range(1, 12).Select(i => (Id: PlayerId.Parse($"prosumer-{i}"), Key: Ed25519Signer.Generate())).ToArray();
        await using (var node = EmbeddedNode.Open(new NodeOptions { DataDirectory = data.Root, MaxBlockTransactions = 8 }, TimeProvider.System).Value)
        {
            var client = new LedgerClient(node);
            foreach (var (id, key) in players)
            {
                Assert.True((await client.RegisterActiveAsync(sa, saKey, id, PlayerRole.Prosumer, key.PublicKey, ct)).IsAccepted);
                Assert.True((await client.ActOnAsync(sa, saKey, TransactionType.AuthorizePlayer, id, "ok", ct)).IsAccepted);
            }
        }

        // The state after the registrations becomes the store's snapshot, as a node makes one once its state log has
        // grown; the anchors' writes then go to the log. The flips so hit a snapshot and a log.
        using (var store = SqliteLedgerStore.Open(data.StorePath, create: false, snapshotAfterLogBytes: 1))
        {
            var state = store.ReadState();
            Assert.True(store.CompactIfDue(() => state));
        }

        await using (var node = EmbeddedNode.Open(new NodeOptions { DataDirectory = data.Root, MaxBlockTransactions = 8 }, TimeProvider.System).Value)
        {
            var client = new LedgerClient(node);
            var anchors = new List<Task<Submission>>();
            for (var round = 0; round < 10; round++)
            {
                foreach (var (id, key) in players)
                {
                    anchors.Add(client.AnchorAsync(id, key, Sha256Digest.Hash(Encoding.UTF8.GetBytes($"{id}/{round}")), "plan", ct));
                }
            }

            await Task.WhenAll(anchors);
            Assert.Equal(ExpectedRejections(), (await client.AnchorAsync(players[0].Id, players[1].Key, Sha256Digest.Hash([1]), "forged", ct)).RejectionCode);
        }

        foreach (var (_, key) in players)
        {
            key.Dispose();
        }
    }

    private static string ExpectedRejections() => Flecs.Ledger.LedgerErrors.BadSignature;
}
