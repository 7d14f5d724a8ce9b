using System.Buffers.Binary;
using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Flecs.Storage.Postgres;

/// <summary>The PostgreSQL implementation of <see cref="ILedgerStore"/> (docs/formats/postgres-store.md).</summary>
/// <remarks>
/// One connection, owned by one node. Every write is one READ COMMITTED transaction that first takes an
/// <c>EXCLUSIVE</c> lock on <c>blocks</c> and re-reads the stored head, so a second writer on the same
/// database waits and then fails instead of forking the chain; readers are never blocked. The session runs
/// with <c>synchronous_commit = on</c>: when <see cref="Append"/> returns, the commit record is flushed to
/// the server's WAL. Not thread-safe: the node serializes access.
/// </remarks>
public sealed class PostgresLedgerStore : ILedgerStore
{
    private const int SchemaVersion = 1;

    private readonly NpgsqlConnection _connection;
    private long _headHeight;

    private PostgresLedgerStore(NpgsqlConnection connection)
    {
        _connection = connection;
        _headHeight = Scalar("SELECT COALESCE(MAX(height), -1) FROM blocks");
    }

    /// <inheritdoc/>
    public long HeadHeight => _headHeight;

    /// <summary>The store's name for messages: host, port, database and search path, never the password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{builder.Host}:{builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{builder.Database}{(string.IsNullOrEmpty(builder.SearchPath) ? string.Empty : "?search_path=" + builder.SearchPath)}";
    }

    /// <summary>Opens the store in the database (and first schema of the search path) that <paramref name="connectionString"/> names; creates the tables only when <paramref name="create"/> is true.</summary>
    /// <remarks>The database itself must exist and use the UTF8 encoding; the store never creates or drops databases.</remarks>
    /// <exception cref="LedgerStoreException">The server is unreachable, the tables are missing (and not to be created), or they hold another schema version.</exception>
    public static PostgresLedgerStore Open(string connectionString, bool create)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        NpgsqlConnection connection;
        string where;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            where = $"{builder.Host}:{builder.Port}/{builder.Database}";
            connection = new NpgsqlConnection(builder.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new LedgerStoreException("The PostgreSQL connection string is not valid: " + ex.Message, ex);
        }

        try
        {
            connection.Open();
            Execute(connection, "SET synchronous_commit = on");
            if (Query(connection, "SHOW server_encoding") is not "UTF8")
            {
                throw new LedgerStoreException($"The database '{where}' does not use the UTF8 encoding.");
            }

            if (!create && Query(connection, "SELECT to_regclass('meta')::text") is null)
            {
                throw new LedgerStoreException($"There is no ledger store in the database '{where}'.");
            }

            if (create)
            {
                Execute(connection, """
                    CREATE TABLE IF NOT EXISTS meta(key text PRIMARY KEY, value bytea NOT NULL);
                    CREATE TABLE IF NOT EXISTS blocks(height bigint PRIMARY KEY, hash bytea NOT NULL, header bytea NOT NULL, seal bytea NOT NULL);
                    CREATE TABLE IF NOT EXISTS transactions(height bigint NOT NULL, position integer NOT NULL, id bytea NOT NULL, body bytea NOT NULL, receipt bytea NOT NULL, PRIMARY KEY(height, position));
                    CREATE INDEX IF NOT EXISTS transactions_by_id ON transactions(id);
                    CREATE TABLE IF NOT EXISTS state(key text PRIMARY KEY, value bytea NOT NULL);
                    """);
            }

            var expected = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(expected, SchemaVersion);
            using (var version = new NpgsqlCommand("INSERT INTO meta(key, value) VALUES ('schema-version', $1) ON CONFLICT(key) DO NOTHING", connection))
            {
                version.Parameters.Add(Bytes(expected));
                version.ExecuteNonQuery();
            }

            using (var version = new NpgsqlCommand("SELECT value FROM meta WHERE key = 'schema-version'", connection))
            {
                if (version.ExecuteScalar() is not byte[] stored || !stored.AsSpan().SequenceEqual(expected))
                {
                    throw new LedgerStoreException($"'{where}' holds a store of another schema version than {SchemaVersion}.");
                }
            }

            return new PostgresLedgerStore(connection);
        }
        catch (NpgsqlException ex)
        {
            connection.Dispose();
            throw Translate(ex, $"Cannot open the ledger store '{where}'");
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
        using var command = new NpgsqlCommand("SELECT value FROM meta WHERE key = 'genesis'", _connection);
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

        Write(-1, batch =>
        {
            batch.BatchCommands.Add(Command("INSERT INTO meta(key, value) VALUES ('genesis', $1)", Bytes(genesis)));
            AddBlock(batch, genesisBlock, state);
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

        Write(_headHeight, batch => AddBlock(batch, block, stateWrites));
        _headHeight = block.Header.Height;
    }

    /// <inheritdoc/>
    public StoredBlock? ReadBlock(long height) => Guard(() =>
    {
        using var transaction = _connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        byte[] hash, header, seal;
        using (var command = new NpgsqlCommand("SELECT hash, header, seal FROM blocks WHERE height = $1", _connection, transaction))
        {
            command.Parameters.Add(Int64(height));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            hash = reader.GetFieldValue<byte[]>(0);
            header = reader.GetFieldValue<byte[]>(1);
            seal = reader.GetFieldValue<byte[]>(2);
        }

        using var txs = new NpgsqlCommand("SELECT position, id, body, receipt FROM transactions WHERE height = $1 ORDER BY position", _connection, transaction);
        txs.Parameters.Add(Int64(height));
        using var rows = txs.ExecuteReader();
        var list = ImmutableArray.CreateBuilder<StoredTransaction>();
        while (rows.Read())
        {
            if (rows.GetInt32(0) != list.Count)
            {
                throw new LedgerStoreException($"Block {height} has a gap at transaction position {list.Count}.");
            }

            list.Add(new StoredTransaction(ToHash(rows.GetFieldValue<byte[]>(1)), rows.GetFieldValue<byte[]>(2), ReceiptBlob.Unpack(rows.GetFieldValue<byte[]>(3))));
        }

        return new StoredBlock(height, ToHash(hash), header, seal, list.ToImmutable());
    });

    /// <inheritdoc/>
    public IReadOnlyList<Hash256> ReadBlockHashes() => Guard(() =>
    {
        using var command = new NpgsqlCommand("SELECT height, hash FROM blocks ORDER BY height", _connection);
        using var reader = command.ExecuteReader();
        var hashes = new List<Hash256>();
        while (reader.Read())
        {
            if (reader.GetInt64(0) != hashes.Count)
            {
                throw new LedgerStoreException($"The block table has a gap at height {hashes.Count}.");
            }

            hashes.Add(ToHash(reader.GetFieldValue<byte[]>(1)));
        }

        return hashes;
    });

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, byte[]>> ReadState() => Guard(() =>
    {
        using var command = new NpgsqlCommand("SELECT key, value FROM state", _connection);
        using var reader = command.ExecuteReader();
        var entries = new List<KeyValuePair<string, byte[]>>();
        while (reader.Read())
        {
            entries.Add(new(reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
        }

        // Ordinal (UTF-16) order, which no PostgreSQL collation gives for every key.
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    });

    /// <inheritdoc/>
    public TransactionLocation? FindTransaction(Hash256 id) => Guard(() =>
    {
        using var command = new NpgsqlCommand("SELECT height, position, receipt FROM transactions WHERE id = $1 ORDER BY height, position", _connection);
        command.Parameters.Add(Bytes(id.ToArray()));
        using var reader = command.ExecuteReader();
        TransactionLocation? first = null;
        while (reader.Read())
        {
            var accepted = Receipt.Decode(ReceiptBlob.Unpack(reader.GetFieldValue<byte[]>(2))) is { IsSuccess: true } r && r.Value.IsAccepted;
            var location = new TransactionLocation(reader.GetInt64(0), reader.GetInt32(1), accepted);
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
    /// <remarks>The state after the head: this store keeps no log.</remarks>
    public (long Height, IReadOnlyList<KeyValuePair<string, byte[]>> Entries) ReadStateSnapshot() => (HeadHeight, ReadState());

    /// <inheritdoc/>
    /// <remarks>Never: this store updates its state table in place with each block.</remarks>
    public bool CompactIfDue(Func<IReadOnlyList<KeyValuePair<string, byte[]>>> state) => false;

    /// <inheritdoc/>
    public (long Blocks, long Transactions, long Accepted) Count() => Guard(() =>
    {
        using var transaction = _connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var blocks = Scalar("SELECT COUNT(*) FROM blocks", transaction);
        var transactions = Scalar("SELECT COUNT(*) FROM transactions WHERE height <> 0", transaction);
        using var command = new NpgsqlCommand("SELECT receipt FROM transactions WHERE height <> 0", _connection, transaction);
        using var reader = command.ExecuteReader();
        long accepted = 0;
        while (reader.Read())
        {
            if (Receipt.Decode(ReceiptBlob.Unpack(reader.GetFieldValue<byte[]>(0))) is { IsSuccess: true } r && r.Value.IsAccepted)
            {
                accepted++;
            }
        }

        return (blocks, transactions, accepted);
    });

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private static void AddBlock(NpgsqlBatch batch, Block block, IReadOnlyList<KeyValuePair<string, byte[]?>> stateWrites)
    {
        var height = block.Header.Height;
        batch.BatchCommands.Add(Command(
            "INSERT INTO blocks(height, hash, header, seal) VALUES ($1, $2, $3, $4)",
            Int64(height), Bytes(block.Hash.ToArray()), Bytes(block.Header.Encode()), Bytes(block.Seal)));
        for (var i = 0; i < block.Transactions.Length; i++)
        {
            var bytes = block.Transactions[i];
            var id = block.Receipts.IsEmpty ? Crypto.Hashing.Sha256Digest.Hash(bytes) : block.Receipts[i].TransactionId;
            var receipt = block.Receipts.IsEmpty ? [] : ReceiptBlob.Pack(block.Receipts[i].Encode());
            batch.BatchCommands.Add(Command(
                "INSERT INTO transactions(height, position, id, body, receipt) VALUES ($1, $2, $3, $4, $5)",
                Int64(height), new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = i }, Bytes(id.ToArray()), Bytes(bytes), Bytes(receipt)));
        }

        foreach (var (key, value) in stateWrites)
        {
            batch.BatchCommands.Add(value is null
                ? Command("DELETE FROM state WHERE key = $1", Text(key))
                : Command("INSERT INTO state(key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", Text(key), Bytes(value)));
        }
    }

    /// <summary>One transaction: lock out other writers, check that the stored head is still <paramref name="expectedHead"/>, write, commit.</summary>
    private void Write(long expectedHead, Action<NpgsqlBatch> write)
    {
        try
        {
            using var transaction = _connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);
            Execute(_connection, "LOCK TABLE blocks IN EXCLUSIVE MODE", transaction);
            var stored = Scalar("SELECT COALESCE(MAX(height), -1) FROM blocks", transaction);
            if (stored != expectedHead)
            {
                throw new LedgerStoreException($"The stored head is {stored}, not {expectedHead}: another writer changed the store.");
            }

            using var batch = new NpgsqlBatch(_connection, transaction);
            write(batch);
            batch.ExecuteNonQuery();
            transaction.Commit();
        }
        catch (NpgsqlException ex)
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
        catch (NpgsqlException ex)
        {
            throw Translate(ex, "Cannot read the ledger store");
        }
        catch (Exception ex) when (ex is InvalidCastException or ArgumentException or FormatException)
        {
            throw new LedgerStoreException("The ledger store holds a value of the wrong type or size: " + ex.Message, ex);
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<byte[]> Bytes(byte[] value) => new() { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = value };

    private static NpgsqlParameter<long> Int64(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = value };

    private static NpgsqlParameter<string> Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    private long Scalar(string sql, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand(sql, _connection, transaction);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Query(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() as string;
    }

    private static void Execute(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private static Hash256 ToHash(byte[] bytes) =>
        bytes.Length == Hash256.Length ? new Hash256(bytes) : throw new LedgerStoreException($"A stored hash is {bytes.Length} bytes, not 32.");

    private static LedgerStoreException Translate(NpgsqlException ex, string what) =>
        new($"{what}: {ex.Message}", ex) { IsTransient = ex.IsTransient };
}
