using Flecs.Ledger.Storage;
using Flecs.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Flecs.Storage.Sqlite.Tests;

public sealed class SqliteLedgerStoreTests : LedgerStoreConformanceTests
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("flecs-sqlite-tests-");
    private int _files;

    [Fact]
    public void Open_AfterDispose_KeepsHeadBlocksAndState()
    {
        var path = NewPath();
        using (var first = SqliteLedgerStore.Open(path))
        {
            CopyChain(first);
        }

        using var reopened = SqliteLedgerStore.Open(path);

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
        var path = NewPath();
        using (var first = SqliteLedgerStore.Open(path))
        {
            Initialize(first);
            first.Append(Chain.Blocks[1].Block, Chain.Blocks[1].StateWrites);
        }

        using var reopened = SqliteLedgerStore.Open(path);
        reopened.Append(Chain.Blocks[2].Block, Chain.Blocks[2].StateWrites);

        Assert.Equal(2, reopened.HeadHeight);
        Assert.Throws<LedgerStoreException>(() => reopened.Append(Chain.Blocks[1].Block, []));
    }

    [Fact]
    public void Append_RowAlreadyWrittenByAnotherConnection_ThrowsLedgerStoreExceptionAndWritesNothing()
    {
        var path = NewPath();
        using var first = SqliteLedgerStore.Open(path);
        Initialize(first);
        using var second = SqliteLedgerStore.Open(path);
        first.Append(Chain.Blocks[1].Block, Chain.Blocks[1].StateWrites);

        // The second store still takes its head to be block 0: its insert of block 1 hits the primary key.
        var thrown = Assert.Throws<LedgerStoreException>(() => second.Append(Chain.Blocks[1].Block, Chain.Blocks[1].StateWrites));

        Assert.Contains("UNIQUE constraint failed", thrown.Message, StringComparison.Ordinal);
        Assert.False(thrown.IsTransient);
        Assert.Equal(1, second.Count().Blocks - 1);
        AssertStored(Chain.Blocks[1].Block, second.ReadBlock(1));
    }

    [Fact]
    public void Open_FileIsNotSqlite_ThrowsLedgerStoreException()
    {
        var path = NewPath();
        File.WriteAllText(path, "this is not a database, it is a text file that is long enough to have a header page");

        Assert.Throws<LedgerStoreException>(() => SqliteLedgerStore.Open(path));
    }

    [Fact]
    public void Open_OtherSchemaVersion_ThrowsLedgerStoreException()
    {
        var path = NewPath();
        SqliteLedgerStore.Open(path).Dispose();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = $v WHERE key = 'schema-version'";
            command.Parameters.AddWithValue("$v", BitConverter.GetBytes(3));
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<LedgerStoreException>(() => SqliteLedgerStore.Open(path));

        Assert.Contains("schema version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBlock_TransactionRowMissing_ThrowsLedgerStoreException()
    {
        var path = NewPath();
        using (var first = SqliteLedgerStore.Open(path))
        {
            CopyChain(first);
        }

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM transactions WHERE height = 2 AND position = 0";
            command.ExecuteNonQuery();
        }

        using var store = SqliteLedgerStore.Open(path);

        Assert.Throws<LedgerStoreException>(() => store.ReadBlock(2));
    }

    [Fact]
    public void CompactIfDue_LogBelowTheThreshold_KeepsTheLogAndTheGenesisSnapshot()
    {
        using var store = SqliteLedgerStore.Open(NewPath());
        CopyChain(store);

        var written = store.CompactIfDue(() => throw new InvalidOperationException("Not due: the state must not be read."));

        Assert.False(written);
        Assert.Equal(0, store.ReadStateSnapshot().Height);
        Assert.NotNull(store.ReadBlock(store.HeadHeight)!.StateWrites);
        Assert.Equal(StateOf(Chain.Chain.State.Snapshot()), StateOf(store.ReadState()));
    }

    [Fact]
    public void CompactIfDue_LogOutgrowsTheThreshold_WritesTheStateAtTheHeadAndEmptiesTheLog()
    {
        var path = NewPath();
        using (var store = SqliteLedgerStore.Open(path, snapshotAfterLogBytes: 1))
        {
            CopyChain(store);

            Assert.True(store.CompactIfDue(Chain.Chain.State.Snapshot));
            Assert.False(store.CompactIfDue(Chain.Chain.State.Snapshot));
        }

        using var reopened = SqliteLedgerStore.Open(path);
        var (height, entries) = reopened.ReadStateSnapshot();
        Assert.Equal(Chain.Height, height);
        Assert.Equal(StateOf(Chain.Chain.State.Snapshot()), StateOf(entries));
        Assert.Equal(StateOf(Chain.Chain.State.Snapshot()), StateOf(reopened.ReadState()));
        Assert.Null(reopened.ReadBlock(reopened.HeadHeight)!.StateWrites);
    }

    [Theory]
    [InlineData("DELETE FROM state_log WHERE height = 1")]
    [InlineData("UPDATE state_log SET height = 7 WHERE height = 2")]
    [InlineData("UPDATE state_log SET writes = x'8201' WHERE height = 1")]
    [InlineData("UPDATE meta SET value = x'0000000000000001' WHERE key = 'state-height'")]
    [InlineData("UPDATE meta SET value = x'0000000000000009' WHERE key = 'state-height'")]
    public void ReadState_StateLogOrSnapshotHeightDamaged_ThrowsLedgerStoreException(string damage)
    {
        var path = NewPath();
        using (var first = SqliteLedgerStore.Open(path))
        {
            CopyChain(first);
        }

        Execute(path, damage);

        using var reopened = SqliteLedgerStore.Open(path);
        Assert.Throws<LedgerStoreException>(() => reopened.ReadState());
    }

    [Fact]
    public void Open_Version1Store_BecomesASnapshotAtTheHead()
    {
        var path = NewPath();
        using (var first = SqliteLedgerStore.Open(path))
        {
            CopyChain(first);
        }

        // What version 1 kept: the state after the head in 'state', no log, no snapshot height, an SQL index for ids.
        Execute(path, "DELETE FROM state; DROP TABLE state_log; DROP TABLE transaction_ids; DELETE FROM meta WHERE key IN ('state-height', 'indexed-height'); UPDATE meta SET value = x'01000000' WHERE key = 'schema-version'; CREATE INDEX transactions_by_id ON transactions(id)");
        foreach (var (key, value) in Chain.Chain.State.Snapshot())
        {
            Execute(path, "INSERT INTO state(key, value) VALUES ($k, $v)", ("$k", key), ("$v", value));
        }

        using var reopened = SqliteLedgerStore.Open(path);

        Assert.Equal(Chain.Height, reopened.ReadStateSnapshot().Height);
        Assert.Equal(StateOf(Chain.Chain.State.Snapshot()), StateOf(reopened.ReadState()));
        Assert.Equal(new TransactionLocation(2, 0, true), reopened.FindTransaction(Chain.Blocks[2].Block.Receipts[0].TransactionId));
        Assert.Equal((3L, 4L, 3L), reopened.Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void CompactIfDue_IdsDeferredOrIndexed_FindsEveryTransactionBeforeAndAfterReopening(int indexAfterTransactions)
    {
        var path = NewPath();
        using (var store = SqliteLedgerStore.Open(path, indexAfterTransactions: indexAfterTransactions))
        {
            CopyChainCompacting(store, h => AssertFindsEveryTransaction(store, h));
        }

        using var reopened = SqliteLedgerStore.Open(path);
        AssertFindsEveryTransaction(reopened, Chain.Height);
        Assert.Equal(Chain.Height + 1, reopened.Count().Blocks);
    }

    [Theory]
    [InlineData("DELETE FROM transaction_ids WHERE height = 1")]
    [InlineData("UPDATE transaction_ids SET position = 5 WHERE height = 2 AND position = 1")]
    [InlineData("INSERT INTO transaction_ids(id, height, position) VALUES (x'00', 1, 0)")]
    [InlineData("UPDATE meta SET value = x'0000000000000001' WHERE key = 'indexed-height'")]
    public void Count_TransactionIdIndexDamaged_ThrowsLedgerStoreException(string damage)
    {
        var path = NewPath();
        using (var first = SqliteLedgerStore.Open(path, indexAfterTransactions: 1))
        {
            CopyChainCompacting(first, _ => { });
        }

        Execute(path, damage);

        using var reopened = SqliteLedgerStore.Open(path);
        Assert.Throws<LedgerStoreException>(() => reopened.Count());
    }

    /// <summary>Copies the chain block by block as a node does: append, then let the store catch up.</summary>
    private void CopyChainCompacting(SqliteLedgerStore store, Action<long> afterBlock)
    {
        Initialize(store);
        for (var h = 1; h <= Chain.Height; h++)
        {
            store.Append(Chain.Blocks[h].Block, Chain.Blocks[h].StateWrites);
            store.CompactIfDue(Chain.Chain.State.Snapshot);
            afterBlock(h);
        }
    }

    private void AssertFindsEveryTransaction(SqliteLedgerStore store, long head)
    {
        for (var h = 1; h <= head; h++)
        {
            var block = Chain.Blocks[h].Block;
            for (var i = 0; i < block.Receipts.Length; i++)
            {
                Assert.Equal(new TransactionLocation(h, i, block.Receipts[i].IsAccepted), store.FindTransaction(block.Receipts[i].TransactionId));
            }
        }
    }

    private static IEnumerable<(string, string)> StateOf(IEnumerable<KeyValuePair<string, byte[]>> state) => state.Select(e => (e.Key, Convert.ToHexString(e.Value)));

    private static void Execute(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    protected override ILedgerStore CreateEmptyStore() => SqliteLedgerStore.Open(NewPath());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _directory.Delete(recursive: true);
        }
    }

    private string NewPath() => Path.Combine(_directory.FullName, $"ledger-{_files++}.db");
}
