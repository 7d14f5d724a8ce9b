using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Storage;
using Microsoft.Data.Sqlite;

namespace Flecs.Storage.Sqlite;

/// <summary>The SQLite implementation of <see cref="ILedgerStore"/> (docs/formats/sqlite-store.md).</summary>
/// <remarks>
/// One connection, owned by one node. WAL journal with <c>synchronous=FULL</c>: when <see cref="Append"/>
/// returns, the block's commit record is fsynced and survives a power cut or kill -9. Every row is
/// also covered by ledger verification: block rows by the hash chain and seals, transaction rows by
/// the transactions root, receipts by the receipts root, state rows by re-execution.
/// Not thread-safe: the node serializes access.
/// </remarks>
public sealed class SqliteLedgerStore : ILedgerStore
{
    private const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertBlock;
    private readonly SqliteCommand _insertTransaction;
    private readonly SqliteCommand _upsertState;
    private readonly SqliteCommand _deleteState;
    private readonly SqliteCommand _findTransaction;
    private long _headHeight;

    private SqliteLedgerStore(SqliteConnection connection)
    {
        _connection = connection;
        _insertBlock = Prepare("INSERT INTO blocks(height, hash, header, seal) VALUES ($height, $hash, $header, $seal)", "$height", "$hash", "$header", "$seal");
        _insertTransaction = Prepare("INSERT INTO transactions(height, position, id, body, receipt) VALUES ($height, $position, $id, $body, $receipt)", "$height", "$position", "$id", "$body", "$receipt");
        _upsertState = Prepare("INSERT INTO state(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value", "$key", "$value");
        _deleteState = Prepare("DELETE FROM state WHERE key = $key", "$key");
        _findTransaction = Prepare("SELECT height, position, receipt FROM transactions WHERE id = $id ORDER BY height, position", "$id");
        _headHeight = Scalar("SELECT COALESCE(MAX(height), -1) FROM blocks");
    }

    /// <inheritdoc/>
    public long HeadHeight => _headHeight;

    /// <summary>Opens the store at <paramref name="path"/>; creates it only when <paramref name="create"/> is true.</summary>
    /// <exception cref="LedgerStoreException">The file is missing (and not to be created), not a FLECS store, corrupt, or locked.</exception>
    public static SqliteLedgerStore Open(string path, bool create = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!create && !File.Exists(path))
        {
            throw new LedgerStoreException($"There is no ledger store at '{path}'.");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                PRAGMA foreign_keys = OFF;
                PRAGMA cache_size = -65536;
                CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS blocks(height INTEGER PRIMARY KEY, hash BLOB NOT NULL, header BLOB NOT NULL, seal BLOB NOT NULL);
                CREATE TABLE IF NOT EXISTS transactions(height INTEGER NOT NULL, position INTEGER NOT NULL, id BLOB NOT NULL, body BLOB NOT NULL, receipt BLOB NOT NULL, PRIMARY KEY(height, position)) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS transactions_by_id ON transactions(id);
                CREATE TABLE IF NOT EXISTS state(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
                """);
            using (var version = connection.CreateCommand())
            {
                version.CommandText = "INSERT INTO meta(key, value) VALUES ('schema-version', $v) ON CONFLICT(key) DO NOTHING; SELECT value FROM meta WHERE key = 'schema-version'";
                version.Parameters.AddWithValue("$v", BitConverter.GetBytes(SchemaVersion));
                if (version.ExecuteScalar() is not byte[] stored || stored.Length != 4 || BitConverter.ToInt32(stored) != SchemaVersion)
                {
                    throw new LedgerStoreException($"'{path}' holds a store of another schema version than {SchemaVersion}.");
                }
            }

            return new SqliteLedgerStore(connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Translate(ex, $"Cannot open the ledger store '{path}'");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public byte[]? ReadGenesis() => Guard(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'genesis'";
        return command.ExecuteScalar() as byte[];
    });

    /// <inheritdoc/>
    public void Initialize(byte[] genesis, Block genesisBlock, IReadOnlyList<KeyValuePair<string, byte[]?>> state)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(genesisBlock);
        if (_headHeight != -1)
        {
            throw new LedgerStoreException("The store already holds a chain.");
        }

        Write(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO meta(key, value) VALUES ('genesis', $g)";
            command.Parameters.AddWithValue("$g", genesis);
            command.ExecuteNonQuery();
            WriteBlock(genesisBlock, state);
        });
        _headHeight = 0;
    }

    /// <inheritdoc/>
    public void Append(Block block, IReadOnlyList<KeyValuePair<string, byte[]?>> stateWrites)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Header.Height != _headHeight + 1)
        {
            throw new LedgerStoreException($"Block {block.Header.Height} does not follow the stored head {_headHeight}.");
        }

        Write(() => WriteBlock(block, stateWrites));
        _headHeight = block.Header.Height;
    }

    /// <inheritdoc/>
    public StoredBlock? ReadBlock(long height) => Guard(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT hash, header, seal FROM blocks WHERE height = $h";
        command.Parameters.AddWithValue("$h", height);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var hash = ToHash(Blob(reader, 0));
        var header = Blob(reader, 1);
        var seal = Blob(reader, 2);
        reader.Close();

        using var txs = _connection.CreateCommand();
        txs.CommandText = "SELECT position, id, body, receipt FROM transactions WHERE height = $h ORDER BY position";
        txs.Parameters.AddWithValue("$h", height);
        using var rows = txs.ExecuteReader();
        var list = ImmutableArray.CreateBuilder<StoredTransaction>();
        while (rows.Read())
        {
            if (Integer(rows, 0) != list.Count)
            {
                throw new LedgerStoreException($"Block {height} has a gap at transaction position {list.Count}.");
            }

            list.Add(new StoredTransaction(ToHash(Blob(rows, 1)), Blob(rows, 2), ReceiptBlob.Unpack(Blob(rows, 3))));
        }

        return new StoredBlock(height, hash, header, seal, list.ToImmutable());
    });

    /// <inheritdoc/>
    public IReadOnlyList<Hash256> ReadBlockHashes() => Guard(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT height, hash FROM blocks ORDER BY height";
        using var reader = command.ExecuteReader();
        var hashes = new List<Hash256>();
        while (reader.Read())
        {
            if (Integer(reader, 0) != hashes.Count)
            {
                throw new LedgerStoreException($"The block table has a gap at height {hashes.Count}.");
            }

            hashes.Add(ToHash(Blob(reader, 1)));
        }

        return hashes;
    });

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, byte[]>> ReadState() => Guard(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM state";
        using var reader = command.ExecuteReader();
        var entries = new List<KeyValuePair<string, byte[]>>();
        while (reader.Read())
        {
            entries.Add(new(Text(reader, 0), Blob(reader, 1)));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    });

    /// <inheritdoc/>
    public TransactionLocation? FindTransaction(Hash256 id) => Guard(() =>
    {
        _findTransaction.Parameters[0].Value = id.ToArray();
        using var reader = _findTransaction.ExecuteReader();
        TransactionLocation? first = null;
        while (reader.Read())
        {
            var accepted = Receipt.Decode(ReceiptBlob.Unpack(Blob(reader, 2))) is { IsSuccess: true } r && r.Value.IsAccepted;
            var location = new TransactionLocation(Integer(reader, 0), checked((int)Integer(reader, 1)), accepted);
            if (accepted)
            {
                return location;
            }

            first ??= location;
        }

        return first;
    });

    /// <inheritdoc/>
    public bool WasAccepted(Hash256 id) => FindTransaction(id) is { IsAccepted: true };

    /// <inheritdoc/>
    public (long Blocks, long Transactions, long Accepted) Count() => Guard(() =>
    {
        var blocks = Scalar("SELECT COUNT(*) FROM blocks");
        var transactions = Scalar("SELECT COUNT(*) FROM transactions WHERE height <> 0");
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT receipt FROM transactions WHERE height <> 0";
        using var reader = command.ExecuteReader();
        long accepted = 0;
        while (reader.Read())
        {
            if (Receipt.Decode(ReceiptBlob.Unpack(Blob(reader, 0))) is { IsSuccess: true } r && r.Value.IsAccepted)
            {
                accepted++;
            }
        }

        return (blocks, transactions, accepted);
    });

    /// <inheritdoc/>
    public void Dispose()
    {
        _insertBlock.Dispose();
        _insertTransaction.Dispose();
        _upsertState.Dispose();
        _deleteState.Dispose();
        _findTransaction.Dispose();
        _connection.Dispose();
    }

    private void WriteBlock(Block block, IReadOnlyList<KeyValuePair<string, byte[]?>> stateWrites)
    {
        var height = block.Header.Height;
        _insertBlock.Parameters[0].Value = height;
        _insertBlock.Parameters[1].Value = block.Hash.ToArray();
        _insertBlock.Parameters[2].Value = block.Header.Encode();
        _insertBlock.Parameters[3].Value = block.Seal;
        _insertBlock.ExecuteNonQuery();
        for (var i = 0; i < block.Transactions.Length; i++)
        {
            var bytes = block.Transactions[i];
            _insertTransaction.Parameters[0].Value = height;
            _insertTransaction.Parameters[1].Value = i;
            _insertTransaction.Parameters[2].Value = (block.Receipts.IsEmpty ? Crypto.Hashing.Sha256Digest.Hash(bytes) : block.Receipts[i].TransactionId).ToArray();
            _insertTransaction.Parameters[3].Value = bytes;
            _insertTransaction.Parameters[4].Value = block.Receipts.IsEmpty ? Array.Empty<byte>() : ReceiptBlob.Pack(block.Receipts[i].Encode());
            _insertTransaction.ExecuteNonQuery();
        }

        foreach (var (key, value) in stateWrites)
        {
            if (value is null)
            {
                _deleteState.Parameters[0].Value = key;
                _deleteState.ExecuteNonQuery();
            }
            else
            {
                _upsertState.Parameters[0].Value = key;
                _upsertState.Parameters[1].Value = value;
                _upsertState.ExecuteNonQuery();
            }
        }
    }

    private void Write(Action write)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var command in new[] { _insertBlock, _insertTransaction, _upsertState, _deleteState })
            {
                command.Transaction = transaction;
            }

            write();
            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "Cannot write to the ledger store");
        }
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "Cannot read the ledger store");
        }
        catch (Exception ex) when (ex is InvalidCastException or ArgumentException or FormatException)
        {
            throw new LedgerStoreException("The ledger store holds a value of the wrong type or size: " + ex.Message, ex);
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Reads a BLOB column; any other storage class is corruption (a flipped type byte must not pass as the same bytes).</summary>
    private static byte[] Blob(SqliteDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(byte[])
            ? reader.GetFieldValue<byte[]>(ordinal)
            : throw new LedgerStoreException($"Column '{reader.GetName(ordinal)}' holds a {reader.GetFieldType(ordinal).Name} value; the format stores a BLOB there.");

    private static long Integer(SqliteDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(long)
            ? reader.GetInt64(ordinal)
            : throw new LedgerStoreException($"Column '{reader.GetName(ordinal)}' holds a {reader.GetFieldType(ordinal).Name} value; the format stores an INTEGER there.");

    private static string Text(SqliteDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string)
            ? reader.GetString(ordinal)
            : throw new LedgerStoreException($"Column '{reader.GetName(ordinal)}' holds a {reader.GetFieldType(ordinal).Name} value; the format stores TEXT there.");

    private static Hash256 ToHash(byte[] bytes) =>
        bytes.Length == Hash256.Length ? new Hash256(bytes) : throw new LedgerStoreException($"A stored hash is {bytes.Length} bytes, not 32.");

    private static LedgerStoreException Translate(SqliteException ex, string what) =>
        new($"{what}: {ex.Message}", ex) { IsTransient = ex.SqliteErrorCode is 5 or 6 };
}
