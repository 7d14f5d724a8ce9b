using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Storage;

namespace Flecs.Node.Hosting;

/// <summary>
/// A data directory's store opened under its <c>node.lock</c>, with the chain restored from it: what every node
/// (the validator's <see cref="Sequencing.EmbeddedNode"/>, a <see cref="Following.FollowerNode"/>) opens first.
/// </summary>
/// <remarks>The lock is exclusive, so two nodes of any kind never write one directory.</remarks>
internal sealed class LockedStore : IDisposable
{
    /// <summary>The code when the data directory is locked by another node.</summary>
    public const string Locked = "node.data.locked";

    private LockedStore(FileStream lockFile, ILedgerStore store, Chain chain)
    {
        Lock = lockFile;
        Store = store;
        Chain = chain;
    }

    /// <summary>The held lock file; the node releases it when it closes.</summary>
    public FileStream Lock { get; }

    /// <summary>The open store.</summary>
    public ILedgerStore Store { get; }

    /// <summary>The chain restored from the store: genesis, head, state and history tree.</summary>
    public Chain Chain { get; }

    /// <summary>
    /// Reads genesis, takes the lock, opens the store, checks that it holds the chain of <c>genesis.cbor</c> and restores
    /// the chain at its head.
    /// </summary>
    /// <returns>The opened store; or the genesis error, <see cref="Locked"/>, or <see cref="LedgerErrors.StoreCorrupt"/>.</returns>
    public static Result<LockedStore> Open(DataDirectory data, IEnumerable<ITransactionExecutor> moduleExecutors, long? snapshotAfterLogBytes = null, int? indexAfterTransactions = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(moduleExecutors);
        var genesis = data.ReadGenesis();
        if (!genesis.IsSuccess)
        {
            return genesis.Error;
        }

        FileStream lockFile;
        try
        {
            lockFile = new FileStream(data.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return Result<LockedStore>.Fail(Locked, $"'{data.Root}' is in use by another flecs node.");
        }

        ILedgerStore? store = null;
        try
        {
            store = data.OpenStore(snapshotAfterLogBytes, indexAfterTransactions);
            var stored = store.ReadGenesis();
            if (stored is null || !stored.AsSpan().SequenceEqual(genesis.Value.Encode()))
            {
                throw new LedgerStoreException($"'{data.StoreName}' does not hold the chain of '{data.GenesisPath}'.");
            }

            var head = store.ReadBlock(store.HeadHeight) ?? throw new LedgerStoreException("The head block is missing.");
            var headHeader = BlockHeader.Decode(head.Header);
            if (!headHeader.IsSuccess)
            {
                throw new LedgerStoreException("The head block header does not decode: " + headHeader.Error.Message);
            }

            var verifier = new Ed25519SignatureVerifier();
            var chain = Chain.Restore(genesis.Value, verifier, moduleExecutors, store.ReadState(), headHeader.Value, store.ReadBlockHashes());
            return new LockedStore(lockFile, store, chain);
        }
        catch (LedgerStoreException ex)
        {
            store?.Dispose();
            lockFile.Dispose();
            return Result<LockedStore>.Fail(LedgerErrors.StoreCorrupt, ex.Message);
        }
    }

    /// <summary>Closes the store and releases the lock (when the node that took them cannot start).</summary>
    public void Dispose()
    {
        Store.Dispose();
        Lock.Dispose();
    }
}
