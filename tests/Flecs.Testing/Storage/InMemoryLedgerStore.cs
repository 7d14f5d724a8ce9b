using Flecs.Core.Identity;
using Flecs.Crypto.Hashing;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Storage;

namespace Flecs.Testing.Storage;

/// <summary>An <see cref="ILedgerStore"/> in memory, with the same row model as the SQLite store; it passes the same conformance suite.</summary>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly List<StoredBlock> _blocks = [];
    private readonly SortedDictionary<string, byte[]> _state = new(StringComparer.Ordinal);
    private byte[]? _genesis;

    /// <inheritdoc/>
    public long HeadHeight => _blocks.Count - 1;

    /// <summary>Turns a block into the rows a store keeps: the id of each transaction comes from its receipt (or its bytes, for genesis).</summary>
    public static StoredBlock ToStored(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var transactions = block.Transactions.Select((bytes, i) => block.Receipts.IsEmpty
            ? new StoredTransaction(Sha256Digest.Hash(bytes), bytes, [])
            : new StoredTransaction(block.Receipts[i].TransactionId, bytes, block.Receipts[i].Encode()));
        return new StoredBlock(block.Header.Height, block.Hash, block.Header.Encode(), block.Seal, [.. transactions]);
    }

    /// <inheritdoc/>
    public byte[]? ReadGenesis() => _genesis;

    /// <inheritdoc/>
    public void Initialize(byte[] genesis, Block genesisBlock, IReadOnlyList<KeyValuePair<string, byte[]?>> state)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(genesisBlock);
        if (HeadHeight != -1)
        {
            throw new LedgerStoreException("The store already holds a chain.");
        }

        _genesis = genesis;
        Write(genesisBlock, state);
    }

    /// <inheritdoc/>
    public void Append(Block block, IReadOnlyList<KeyValuePair<string, byte[]?>> stateWrites)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Header.Height != HeadHeight + 1)
        {
            throw new LedgerStoreException($"Block {block.Header.Height} does not follow the stored head {HeadHeight}.");
        }

        Write(block, stateWrites);
    }

    /// <summary>Replaces the rows of a stored block (for tamper tests).</summary>
    public void Replace(StoredBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        _blocks[checked((int)block.Height)] = block;
    }

    /// <summary>Sets or deletes a state entry directly (for tamper tests).</summary>
    public void SetState(string key, byte[]? value)
    {
        if (value is null)
        {
            _state.Remove(key);
        }
        else
        {
            _state[key] = value;
        }
    }

    /// <inheritdoc/>
    public StoredBlock? ReadBlock(long height) => height >= 0 && height < _blocks.Count ? _blocks[(int)height] : null;

    /// <inheritdoc/>
    public IReadOnlyList<Hash256> ReadBlockHashes() => [.. _blocks.Select(b => b.Hash)];

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, byte[]>> ReadState() => [.. _state];

    /// <inheritdoc/>
    public TransactionLocation? FindTransaction(Hash256 id)
    {
        TransactionLocation? first = null;
        foreach (var block in _blocks)
        {
            for (var i = 0; i < block.Transactions.Length; i++)
            {
                var tx = block.Transactions[i];
                if (tx.Id != id)
                {
                    continue;
                }

                var accepted = Receipt.Decode(tx.Receipt) is { IsSuccess: true } r && r.Value.IsAccepted;
                var location = new TransactionLocation(block.Height, i, accepted);
                if (accepted)
                {
                    return location;
                }

                first ??= location;
            }
        }

        return first;
    }

    /// <inheritdoc/>
    public bool WasAccepted(Hash256 id) => FindTransaction(id) is { IsAccepted: true };

    /// <inheritdoc/>
    public (long Height, IReadOnlyList<KeyValuePair<string, byte[]>> Entries) ReadStateSnapshot() => (HeadHeight, ReadState());

    /// <inheritdoc/>
    public bool CompactIfDue(Func<IReadOnlyList<KeyValuePair<string, byte[]>>> state) => false;

    /// <inheritdoc/>
    public (long Blocks, long Transactions, long Accepted) Count()
    {
        var transactions = _blocks.Where(b => b.Height > 0).SelectMany(b => b.Transactions).ToList();
        var accepted = transactions.LongCount(t => Receipt.Decode(t.Receipt) is { IsSuccess: true } r && r.Value.IsAccepted);
        return (_blocks.Count, transactions.Count, accepted);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private void Write(Block block, IReadOnlyList<KeyValuePair<string, byte[]?>> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        _blocks.Add(ToStored(block));
        foreach (var (key, value) in writes)
        {
            SetState(key, value);
        }
    }
}
