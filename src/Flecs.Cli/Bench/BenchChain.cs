using Flecs.Core.Identity;
using Flecs.Core.Time;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;

namespace Flecs.Cli.Bench;

/// <summary>
/// A benchmark's chain in a temporary directory: genesis, the embedded node and authorized prosumers with fresh keys
/// (registered through the node, outside any timed section). Disposing closes the node and deletes the directory.
/// </summary>
internal sealed class BenchChain : IAsyncDisposable
{
    private BenchChain(string root, EmbeddedNode node, PlayerId[] ids, Ed25519Signer[] keys)
    {
        Root = root;
        Node = node;
        Ids = ids;
        Keys = keys;
    }

    public string Root { get; }

    public EmbeddedNode Node { get; }

    /// <summary>The players <c>p-00000</c>, <c>p-00001</c>, … in order.</summary>
    public PlayerId[] Ids { get; }

    /// <summary>Their keys, index for index.</summary>
    public Ed25519Signer[] Keys { get; }

    public static async Task<BenchChain> CreateAsync(string prefix, int players, TimeSpan maxBlockDelay, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(players, 1);
        var root = Path.Combine(Path.GetTempPath(), prefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)));
        var data = new DataDirectory(root);
        _ = data.Initialize("flecs-bench", IntervalLength.FromMinutes(1), 1, TimeProvider.System).Value;
        var node = EmbeddedNode.Open(new NodeOptions { DataDirectory = root, MaxBlockDelay = maxBlockDelay }, TimeProvider.System).Value;
        var keys = Enumerable.Range(0, players).Select(_ => Ed25519Signer.Generate()).ToArray();
        var ids = Enumerable.Range(0, players).Select(i => PlayerId.Parse($"p-{i:D5}")).ToArray();
        var chain = new BenchChain(root, node, ids, keys);
        try
        {
            var client = new LedgerClient(node);
            var saId = PlayerId.Parse("sa");
            using var sa = KeyFile.Read(data.KeyPath(saId)).Value;
            var setup = ids.Select((id, i) => client.RegisterActiveAsync(saId, sa, id, PlayerRole.Prosumer, keys[i].PublicKey, ct)).ToList();
            setup.AddRange(ids.Select(id => client.ActOnAsync(saId, sa, TransactionType.AuthorizePlayer, id, "bench", ct)));
            if ((await Task.WhenAll(setup).ConfigureAwait(false)).FirstOrDefault(s => !s.IsAccepted) is { } refused)
            {
                throw new InvalidOperationException("Benchmark setup was rejected: " + refused.RejectionCode);
            }

            return chain;
        }
        catch
        {
            await chain.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync().ConfigureAwait(false);
        foreach (var key in Keys)
        {
            key.Dispose();
        }

        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
