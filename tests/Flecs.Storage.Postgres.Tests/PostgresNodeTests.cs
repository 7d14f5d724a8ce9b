using System.Text;
using Flecs.Core.Identity;
using Flecs.Core.Time;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Verification;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;

namespace Flecs.Storage.Postgres.Tests;

/// <summary>A data directory whose <c>store.conf</c> names a PostgreSQL database: the node, a restart and the verifier all use it.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresNodeTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly string _root = Directory.CreateTempSubdirectory("flecs-pg-node-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        _database.Dispose();
    }

    [Fact(Timeout = 120_000)]
    public async Task EmbeddedNode_DataDirectoryOnPostgres_CommitsReopensAndVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = new DataDirectory(_root);
        var initialized = data.Initialize("flecs-pg", IntervalLength.FromMinutes(15), 1, TimeProvider.System, postgres: _database.NewSchema());
        Assert.True(initialized.IsSuccess, initialized.IsSuccess ? null : initialized.Error.ToString());
        Assert.True(File.Exists(data.StoreConfigPath));
        Assert.False(File.Exists(data.StorePath));
        Assert.StartsWith("postgres://127.0.0.1:", data.StoreName, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", data.StoreName, StringComparison.OrdinalIgnoreCase);
        var sa = PlayerId.Parse("sa");
        using var saKey = KeyFile.Read(data.KeyPath(sa)).Value;

        long height;
        await using (var node = EmbeddedNode.Open(new NodeOptions { DataDirectory = _root }, TimeProvider.System).Value)
        {
            var client = new LedgerClient(node);
            foreach (var name in new[] { "one", "two", "three" })
            {
                Assert.True((await client.AnchorAsync(sa, saKey, Sha256Digest.Hash(Encoding.UTF8.GetBytes(name)), "doc", ct)).IsAccepted);
            }

            height = node.Chain.Head.Height;
        }

        await using (var reopened = EmbeddedNode.Open(new NodeOptions { DataDirectory = _root }, TimeProvider.System).Value)
        {
            Assert.Equal(height, reopened.Chain.Head.Height);
            Assert.True((await new LedgerClient(reopened).AnchorAsync(sa, saKey, Sha256Digest.Hash("four"u8), "doc", ct)).IsAccepted);
        }

        using var store = data.OpenStore();
        var report = LedgerVerifier.Verify(store, new Ed25519SignatureVerifier(), StandardModules.Executors(), await File.ReadAllBytesAsync(data.GenesisPath, ct));
        Assert.True(report.IsValid, report.Error?.ToString());
        Assert.Equal(4, report.TransactionsVerified);
    }

    [Fact]
    public void Initialize_UnreachableServer_IsStoreUnavailableAndLeavesNoStoreConfig()
    {
        var data = new DataDirectory(_root);

        var initialized = data.Initialize("flecs-pg", IntervalLength.FromMinutes(15), 1, TimeProvider.System, postgres: "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Database=none;Timeout=2");

        Assert.Equal(DataDirectory.StoreUnavailable, initialized.Error?.Code);
        Assert.False(File.Exists(data.StoreConfigPath));
        Assert.False(data.IsInitialized);
    }
}
