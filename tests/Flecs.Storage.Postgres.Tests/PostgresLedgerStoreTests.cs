using System.Buffers.Binary;
using Flecs.Ledger.Storage;
using Flecs.Testing.Storage;

namespace Flecs.Storage.Postgres.Tests;

public sealed class PostgresLedgerStoreTests : LedgerStoreConformanceTests
{
    private readonly TestDatabase _database = new();

    [Fact]
    public void Open_AfterDispose_KeepsHeadBlocksAndState()
    {
        var connection = _database.NewSchema();
        using (var first = PostgresLedgerStore.Open(connection, create: true))
        {
            CopyChain(first);
        }

        using var reopened = PostgresLedgerStore.Open(connection, create: false);

        Assert.Equal(Chain.Height, reopened.HeadHeight);
        Assert.Equal(Chain.Genesis.Encode(), reopened.ReadGenesis());
        AssertStored(Chain.Blocks[^1].Block, reopened.ReadBlock(reopened.HeadHeight));
        Assert.Equal(
            Chain.Chain.State.Snapshot().Select(e => (e.Key, Convert.ToHexString(e.Value))),
            reopened.ReadState().Select(e => (e.Key, Convert.ToHexString(e.Value))));
    }

    [Fact]
    public void Append_AfterReopen_ContinuesAtTheStoredHead()
    {
        var connection = _database.NewSchema();
        using (var first = PostgresLedgerStore.Open(connection, create: true))
        {
            Initialize(first);
            first.Append(Chain.Blocks[1].Block, Chain.Blocks[1].StateWrites);
        }

        using var reopened = PostgresLedgerStore.Open(connection, create: false);
        reopened.Append(Chain.Blocks[2].Block, Chain.Blocks[2].StateWrites);

        Assert.Equal(2, reopened.HeadHeight);
        Assert.Throws<LedgerStoreException>(() => reopened.Append(Chain.Blocks[1].Block, []));
    }

    [Fact]
    public void Append_AnotherWriterAdvancedTheHead_ThrowsLedgerStoreExceptionAndWritesNothing()
    {
        var connection = _database.NewSchema();
        using var first = PostgresLedgerStore.Open(connection, create: true);
        using var second = PostgresLedgerStore.Open(connection, create: false);
        Initialize(first);
        first.Append(Chain.Blocks[1].Block, Chain.Blocks[1].StateWrites);

        // 'second' opened on the empty store and still believes the head is −1.
        Assert.Throws<LedgerStoreException>(() => Initialize(second));

        Assert.Equal(2, first.ReadBlockHashes().Count);
        Assert.Equal(-1, second.HeadHeight);
    }

    [Fact]
    public void Open_NoStoreAndCreateFalse_ThrowsLedgerStoreExceptionAndCreatesNothing()
    {
        var connection = _database.NewSchema();

        Assert.Throws<LedgerStoreException>(() => PostgresLedgerStore.Open(connection, create: false));
        Assert.Throws<LedgerStoreException>(() => PostgresLedgerStore.Open(connection, create: false));
    }

    [Fact]
    public void Open_ServerUnreachable_ThrowsLedgerStoreException()
    {
        Assert.Throws<LedgerStoreException>(() => PostgresLedgerStore.Open("Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2", create: true));
    }

    [Fact]
    public void Open_OtherSchemaVersion_ThrowsLedgerStoreException()
    {
        var connection = _database.NewSchema();
        PostgresLedgerStore.Open(connection, create: true).Dispose();
        var two = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(two, 2);
        TestDatabase.Execute(connection, $"UPDATE meta SET value = '\\x{Convert.ToHexString(two)}'::bytea WHERE key = 'schema-version'");

        var ex = Assert.Throws<LedgerStoreException>(() => PostgresLedgerStore.Open(connection, create: false));

        Assert.Contains("schema version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBlock_TransactionRowMissing_ThrowsLedgerStoreException()
    {
        var connection = _database.NewSchema();
        using var store = PostgresLedgerStore.Open(connection, create: true);
        CopyChain(store);
        TestDatabase.Execute(connection, "DELETE FROM transactions WHERE height = 2 AND position = 0");

        Assert.Throws<LedgerStoreException>(() => store.ReadBlock(2));
    }

    [Fact]
    public void ReadBlock_HashOfWrongLength_ThrowsLedgerStoreException()
    {
        var connection = _database.NewSchema();
        using var store = PostgresLedgerStore.Open(connection, create: true);
        CopyChain(store);
        TestDatabase.Execute(connection, "UPDATE blocks SET hash = '\\x0102'::bytea WHERE height = 1");

        Assert.Throws<LedgerStoreException>(() => store.ReadBlock(1));
        Assert.Throws<LedgerStoreException>(() => store.ReadBlockHashes());
    }

    [Fact]
    public void ReadBlockHashes_BlockRowMissing_ThrowsLedgerStoreException()
    {
        var connection = _database.NewSchema();
        using var store = PostgresLedgerStore.Open(connection, create: true);
        CopyChain(store);
        TestDatabase.Execute(connection, "DELETE FROM blocks WHERE height = 1");

        Assert.Throws<LedgerStoreException>(() => store.ReadBlockHashes());
    }

    [Fact]
    public void ReadBlock_ReceiptNotValidCompressedData_ThrowsLedgerStoreException()
    {
        var connection = _database.NewSchema();
        using var store = PostgresLedgerStore.Open(connection, create: true);
        CopyChain(store);
        TestDatabase.Execute(connection, "UPDATE transactions SET receipt = '\\x00ffffffffffff'::bytea WHERE height = 2 AND position = 0");

        Assert.Throws<LedgerStoreException>(() => store.ReadBlock(2));
    }

    protected override ILedgerStore CreateEmptyStore() => PostgresLedgerStore.Open(_database.NewSchema(), create: true);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}
