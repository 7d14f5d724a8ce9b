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
            command.Parameters.AddWithValue("$v", BitConverter.GetBytes(2));
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
