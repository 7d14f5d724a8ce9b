using Flecs.Core.Identity;
using Flecs.Ledger.Blocks;

namespace Flecs.Ledger.Storage;

/// <summary>The persistence port of the ledger: blocks, transactions with receipts, and state, written one block at a time, atomically and durably.</summary>
/// <remarks>
/// Implementations translate their own exceptions into <see cref="LedgerStoreException"/>. After
/// <see cref="Append"/> returns, the block survives a crash (the sequencer acknowledges only then).
/// </remarks>
public interface ILedgerStore : IDisposable
{
    /// <summary>The head height, or −1 for an empty store.</summary>
    public long HeadHeight { get; }

    /// <summary>The genesis document's bytes, or null for an empty store.</summary>
    public byte[]? ReadGenesis();

    /// <summary>Writes the genesis document, block 0 and the initial state into an empty store.</summary>
    public void Initialize(byte[] genesis, Block genesisBlock, IReadOnlyList<KeyValuePair<string, byte[]?>> state);

    /// <summary>Appends the next block with its state writes (ordered by key, ordinal, each key once; null deletes) in one durable transaction.</summary>
    public void Append(Block block, IReadOnlyList<KeyValuePair<string, byte[]?>> stateWrites);

    /// <summary>
    /// Called after a block from <see cref="Append"/> is committed in memory, with the whole state after it: a store that
    /// defers work to keep <see cref="Append"/> sequential (SQLite: its state log and its transaction-id index) catches
    /// up here once enough has accumulated, in durable transactions of its own — writing <paramref name="state"/>()
    /// (ordered by key) as its new state snapshot, inserting the deferred ids. Returns whether it wrote anything; other
    /// stores return false and never call <paramref name="state"/>.
    /// </summary>
    public bool CompactIfDue(Func<IReadOnlyList<KeyValuePair<string, byte[]>>> state);

    /// <summary>Reads one block's raw rows, or null when absent.</summary>
    public StoredBlock? ReadBlock(long height);

    /// <summary>The stored hashes of blocks 0 … head, in order.</summary>
    public IReadOnlyList<Hash256> ReadBlockHashes();

    /// <summary>All state entries ordered by key (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> ReadState();

    /// <summary>
    /// The stored state as of a height, ordered by key: a store that keeps a snapshot and a log of later writes (SQLite)
    /// returns its snapshot and the snapshot's height; others return the state after the head. The verifier compares it
    /// with the replayed state at that height.
    /// </summary>
    public (long Height, IReadOnlyList<KeyValuePair<string, byte[]>> Entries) ReadStateSnapshot();

    /// <summary>Finds a transaction by id (its first occurrence).</summary>
    public TransactionLocation? FindTransaction(Hash256 id);

    /// <summary>True when a transaction with this id was accepted in a committed block.</summary>
    public bool WasAccepted(Hash256 id);

    /// <summary>Counts of blocks and transactions.</summary>
    public (long Blocks, long Transactions, long Accepted) Count();
}
