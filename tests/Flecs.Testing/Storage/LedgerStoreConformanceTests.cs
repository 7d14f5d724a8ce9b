using Flecs.Ledger.Blocks;
using Flecs.Ledger.Players;
using Flecs.Ledger.Storage;
using Flecs.Testing.Chains;

namespace Flecs.Testing.Storage;

/// <summary>The behaviour every <see cref="ILedgerStore"/> adapter must have; an adapter's test project derives from this class.</summary>
/// <remarks>The blocks come from a <see cref="TestChain"/>: block 1 onboards a player, block 2 holds one accepted and one rejected transaction.</remarks>
public abstract class LedgerStoreConformanceTests : IDisposable
{
    private readonly Lazy<TestChain> _chain = new(BuildChain);
    private readonly List<ILedgerStore> _stores = [];

    /// <summary>The source chain.</summary>
    protected TestChain Chain => _chain.Value;

    /// <summary>Opens a new, empty store.</summary>
    protected abstract ILedgerStore CreateEmptyStore();

    /// <summary>Disposes the stores the tests opened.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void HeadHeight_EmptyStore_IsMinusOne()
    {
        var store = NewStore();

        Assert.Equal(-1, store.HeadHeight);
        Assert.Null(store.ReadGenesis());
        Assert.Null(store.ReadBlock(0));
    }

    [Fact]
    public void Initialize_EmptyStore_StoresGenesisBlockAndState()
    {
        var store = NewStore();

        Initialize(store);

        Assert.Equal(0, store.HeadHeight);
        Assert.Equal(Chain.Genesis.Encode(), store.ReadGenesis());
        AssertStored(Chain.Blocks[0].Block, store.ReadBlock(0));
        Assert.Equal(Chain.Blocks[0].StateWrites.Select(w => (w.Key, w.Value)), store.ReadState().Select(e => (e.Key, (byte[]?)e.Value)));
    }

    [Fact]
    public void Initialize_StoreHoldsChain_ThrowsLedgerStoreException()
    {
        var store = NewStore();
        Initialize(store);

        Assert.Throws<LedgerStoreException>(() => Initialize(store));
    }

    [Fact]
    public void Append_ThenReadBlock_ReturnsTheSameRows()
    {
        var store = NewStore();

        var head = CopyChain(store);

        Assert.Equal(Chain.Height, head);
        Assert.Equal(Chain.Height, store.HeadHeight);
        foreach (var committed in Chain.Blocks)
        {
            AssertStored(committed.Block, store.ReadBlock(committed.Block.Header.Height));
        }

        Assert.Null(store.ReadBlock(store.HeadHeight + 1));
        Assert.Equal(Chain.Blocks.Select(b => b.Block.Hash), store.ReadBlockHashes());
    }

    [Fact]
    public void Append_ThenReadState_EqualsTheChainState()
    {
        var store = NewStore();

        CopyChain(store);

        Assert.Equal(
            Chain.Chain.State.Snapshot().Select(e => (e.Key, Convert.ToHexString(e.Value))),
            store.ReadState().Select(e => (e.Key, Convert.ToHexString(e.Value))));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void Append_NotTheNextHeight_ThrowsLedgerStoreExceptionAndKeepsHead(int blockIndex)
    {
        var store = NewStore();
        Initialize(store);

        Assert.Throws<LedgerStoreException>(() => store.Append(Chain.Blocks[blockIndex].Block, []));

        Assert.Equal(0, store.HeadHeight);
        Assert.Null(store.ReadBlock(blockIndex == 0 ? 1 : blockIndex));
    }

    [Fact]
    public void Append_StateWrites_UpsertAndDelete()
    {
        var store = NewStore();
        Initialize(store);

        store.Append(Chain.Blocks[1].Block, [new("x/a", [1]), new("x/b", [2]), new("x/c", [3])]);
        store.Append(Chain.Blocks[2].Block, [new("x/a", null), new("x/b", [4]), new("x/missing", null)]);

        var x = store.ReadState().Where(e => e.Key.StartsWith("x/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["x/b", "x/c"], x.Select(e => e.Key));
        Assert.Equal([4], x[0].Value);
        Assert.Equal([3], x[1].Value);
    }

    [Fact]
    public void ReadState_ManyKeys_OrderedOrdinally()
    {
        var store = NewStore();
        Initialize(store);

        store.Append(Chain.Blocks[1].Block, [new("B", [1]), new("a", [1]), new("a-", [1]), new("b", [1]), new("ä", [1])]);

        var keys = store.ReadState().Select(e => e.Key).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public void FindTransaction_AcceptedAndRejected_ReportsHeightPositionAndStatus()
    {
        var store = NewStore();
        CopyChain(store);
        var block2 = Chain.Blocks[2].Block;

        var accepted = store.FindTransaction(block2.Receipts[0].TransactionId);
        var rejected = store.FindTransaction(block2.Receipts[1].TransactionId);
        var missing = store.FindTransaction(Chain.Blocks[0].Block.Hash);

        Assert.Equal(new TransactionLocation(2, 0, true), accepted);
        Assert.Equal(new TransactionLocation(2, 1, false), rejected);
        Assert.Null(missing);
        Assert.True(store.WasAccepted(block2.Receipts[0].TransactionId));
        Assert.False(store.WasAccepted(block2.Receipts[1].TransactionId));
    }

    [Fact]
    public void Count_Chain_CountsBlocksTransactionsAndAccepted()
    {
        var store = NewStore();

        CopyChain(store);

        Assert.Equal((3L, 4L, 3L), store.Count());
    }

    /// <summary>Disposes the stores the tests opened.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var store in _stores)
            {
                store.Dispose();
            }
        }
    }

    /// <summary>Opens a store that is disposed with the test.</summary>
    protected ILedgerStore NewStore()
    {
        var store = CreateEmptyStore();
        _stores.Add(store);
        return store;
    }

    /// <summary>Writes genesis into <paramref name="store"/>.</summary>
    protected void Initialize(ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Initialize(Chain.Genesis.Encode(), Chain.Blocks[0].Block, Chain.Blocks[0].StateWrites);
    }

    /// <summary>Writes the whole source chain into <paramref name="store"/>; returns its head height.</summary>
    protected long CopyChain(ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Initialize(store);
        foreach (var committed in Chain.Blocks.Skip(1))
        {
            store.Append(committed.Block, committed.StateWrites);
        }

        return store.HeadHeight;
    }

    /// <summary>Asserts that <paramref name="stored"/> holds exactly the rows of <paramref name="block"/>.</summary>
    protected static void AssertStored(Block block, StoredBlock? stored)
    {
        ArgumentNullException.ThrowIfNull(block);
        Assert.NotNull(stored);
        var expected = InMemoryLedgerStore.ToStored(block);
        Assert.Equal(expected.Height, stored.Height);
        Assert.Equal(expected.Hash, stored.Hash);
        Assert.Equal(expected.Header, stored.Header);
        Assert.Equal(expected.Seal, stored.Seal);
        Assert.Equal(expected.Transactions.Length, stored.Transactions.Length);
        for (var i = 0; i < expected.Transactions.Length; i++)
        {
            Assert.Equal(expected.Transactions[i].Id, stored.Transactions[i].Id);
            Assert.Equal(expected.Transactions[i].Bytes, stored.Transactions[i].Bytes);
            Assert.Equal(expected.Transactions[i].Receipt, stored.Transactions[i].Receipt);
        }
    }

    private static TestChain BuildChain()
    {
        var chain = TestChain.Create();
        var genco = chain.Onboard("genco", PlayerRole.GenerationCompany);
        chain.Append(chain.Anchor(genco, "plan"), chain.Anchor(genco, "plan"));
        return chain;
    }
}
