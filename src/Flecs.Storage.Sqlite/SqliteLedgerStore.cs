using System.Buffers.Binary;
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
/// the transactions root, receipts by the receipts root, state rows and the state log by re-execution.
/// The state is kept as a snapshot (<c>state</c>, as of the height in <c>meta('state-height')</c>) plus a log of
/// each later block's writes (<c>state_log</c>): a block appends one log row instead of updating keys in place, which
/// for keys spread over the whole table (document anchors, meters) rewrote most of its pages on every block.
/// <see cref="CompactIfDue"/> rewrites the snapshot once the log has outgrown it. Likewise the transaction-id index
/// (<c>transaction_ids</c>) covers the blocks up to <c>meta('indexed-height')</c>; the ids of later blocks are kept
/// in memory (read back from <c>transactions</c> at open) and inserted in id order once enough have accumulated,
/// instead of one random B-tree insert per transaction.
/// Not thread-safe: the node serializes access.
/// </remarks>
public sealed class SqliteLedgerStore : ILedgerStore
{
    /// <summary>The log size from which a snapshot is due even when the snapshot is smaller: 16 MiB.</summary>
    public const long DefaultSnapshotAfterLogBytes = 16L * 1024 * 1024;

    /// <summary>The deferred transaction ids from which <see cref="CompactIfDue"/> inserts them into the index.</summary>
    public const int DefaultIndexAfterTransactions = 65_536;

    private const int SchemaVersion = 2;

    /// <summary>The head height: the highest block, −1 for an empty store.</summary>
    private const string HeadHeightQuery = "SELECT COALESCE(MAX(height), -1) FROM blocks";

    /// <summary>The <c>meta</c> key of the height the <c>state</c> table is the state after.</summary>
    private const string StateHeightKey = "state-height";

    /// <summary>The <c>meta</c> key of the height up to which <c>transaction_ids</c> holds every transaction.</summary>
    private const string IndexedHeightKey = "indexed-height";

    private readonly SqliteConnection _connection;
    private readonly SqliteInsert _insertBlock;
    private readonly SqliteInsert _insertTransaction;
    private readonly SqliteInsert _insertStateLog;
    private readonly SqliteInsert _insertId;
    private readonly SqliteInsert _insertState;
    private readonly SqliteCommand _findTransaction;
    private readonly long _snapshotAfterLogBytes;
    private readonly int _indexAfterTransactions;
    private readonly Dictionary<Hash256, (long Height, int Position, bool Accepted)> _unindexed = [];
    private readonly List<(Hash256 Id, long Height, int Position)> _unindexedRows = [];
    private long _headHeight;
    private long _indexedHeight;
    private long _loadedHeight;
    private long _logBytes;
    private long _snapshotBytes;

    private SqliteLedgerStore(SqliteConnection connection, long snapshotAfterLogBytes, int indexAfterTransactions)
    {
        _connection = connection;
        _snapshotAfterLogBytes = snapshotAfterLogBytes;
        _indexAfterTransactions = indexAfterTransactions;
        _headHeight = Scalar(HeadHeightQuery);
        _logBytes = Scalar("SELECT COALESCE(SUM(LENGTH(writes)), 0) FROM state_log");
        _indexedHeight = _headHeight < 0 ? -1 : MetaHeight(IndexedHeightKey, _headHeight);
        _loadedHeight = _indexedHeight;
        _findTransaction = Prepare(
            "SELECT t.height, t.position, t.receipt FROM transaction_ids i JOIN transactions t ON t.height = i.height AND t.position = i.position AND t.id = i.id WHERE i.id = $id ORDER BY i.height, i.position",
            "$id");

        // A statement left unfinalized keeps the file open after the connection is closed: if one fails to prepare, the
        // ones before it are finalized.
        var prepared = new List<SqliteInsert>();
        try
        {
            SqliteInsert.WaitForLocks(connection);
            _insertBlock = Prepared(new SqliteInsert(connection, "INSERT INTO blocks(height, hash, header, seal) VALUES (?1, ?2, ?3, ?4)"));
            _insertTransaction = Prepared(new SqliteInsert(connection, "INSERT INTO transactions(height, position, id, body, receipt) VALUES (?1, ?2, ?3, ?4, ?5)"));
            _insertStateLog = Prepared(new SqliteInsert(connection, "INSERT INTO state_log(height, writes) VALUES (?1, ?2)"));
            _insertId = Prepared(new SqliteInsert(connection, "INSERT INTO transaction_ids(id, height, position) VALUES (?1, ?2, ?3)"));
            _insertState = Prepared(new SqliteInsert(connection, "INSERT INTO state(key, value) VALUES (?1, ?2)"));
        }
        catch
        {
            prepared.ForEach(statement => statement.Dispose());
            _findTransaction.Dispose();
            throw;
        }

        SqliteInsert Prepared(SqliteInsert statement)
        {
            prepared.Add(statement);
            return statement;
        }
    }

    /// <inheritdoc/>
    public long HeadHeight => _headHeight;

    /// <summary>Opens the store at <paramref name="path"/>; creates it only when <paramref name="create"/> is true.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="create">Whether a missing file is created.</param>
    /// <param name="snapshotAfterLogBytes">The log size from which <see cref="CompactIfDue"/> writes a snapshot even when the snapshot is smaller.</param>
    /// <param name="indexAfterTransactions">The number of deferred transaction ids from which <see cref="CompactIfDue"/> inserts them into the index.</param>
    /// <exception cref="LedgerStoreException">The file is missing (and not to be created), not a FLECS store, corrupt, or locked.</exception>
    public static SqliteLedgerStore Open(string path, bool create = true, long snapshotAfterLogBytes = DefaultSnapshotAfterLogBytes, int indexAfterTransactions = DefaultIndexAfterTransactions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotAfterLogBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(indexAfterTransactions, 1);
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
                CREATE TABLE IF NOT EXISTS transaction_ids(id BLOB NOT NULL, height INTEGER NOT NULL, position INTEGER NOT NULL, PRIMARY KEY(id, height, position)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS state(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS state_log(height INTEGER PRIMARY KEY, writes BLOB NOT NULL);
                """);
            using (var version = connection.CreateCommand())
            {
                version.CommandText = "INSERT INTO meta(key, value) VALUES ('schema-version', $v) ON CONFLICT(key) DO NOTHING; SELECT value FROM meta WHERE key = 'schema-version'";
                version.Parameters.AddWithValue("$v", BitConverter.GetBytes(SchemaVersion));
                var stored = version.ExecuteScalar() as byte[];
                if (stored is { Length: 4 } && BitConverter.ToInt32(stored) == 1)
                {
                    MigrateFromVersion1(connection);
                }
                else if (stored is not { Length: 4 } || BitConverter.ToInt32(stored) != SchemaVersion)
                {
                    throw new LedgerStoreException($"'{path}' holds a store of another schema version than {SchemaVersion}.");
                }
            }

            return new SqliteLedgerStore(connection, snapshotAfterLogBytes, indexAfterTransactions);
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
            WriteBlock(genesisBlock);
            InsertIds([(Crypto.Hashing.Sha256Digest.Hash(genesisBlock.Transactions[0]), 0, 0)], 0);
            _snapshotBytes = WriteSnapshot(state.Where(e => e.Value is not null).Select(e => new KeyValuePair<string, byte[]>(e.Key, e.Value!)), 0);
        });
        _headHeight = 0;
        (_indexedHeight, _loadedHeight) = (0, 0);
    }

    /// <inheritdoc/>
    public void Append(Block block, IReadOnlyList<KeyValuePair<string, byte[]?>> stateWrites)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Header.Height != _headHeight + 1)
        {
            throw new LedgerStoreException($"Block {block.Header.Height} does not follow the stored head {_headHeight}.");
        }

        var log = StateWriteLog.Encode(stateWrites);
        LoadUnindexed();
        Write(() =>
        {
            WriteBlock(block);
            _insertStateLog.Bind(1, block.Header.Height).Bind(2, log).Run();
        });
        _headHeight = block.Header.Height;
        _logBytes += log.Length;
        for (var i = 0; i < block.Transactions.Length; i++)
        {
            Defer(block.Receipts[i].TransactionId, block.Header.Height, i, block.Receipts[i].IsAccepted);
        }

        _loadedHeight = _headHeight;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A state snapshot is due once the log holds at least as many bytes as the snapshot, and at least the threshold
    /// given at open; the deferred ids are inserted once there are <see cref="DefaultIndexAfterTransactions"/> of them
    /// (or the threshold given at open).
    /// </remarks>
    public bool CompactIfDue(Func<IReadOnlyList<KeyValuePair<string, byte[]>>> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        LoadUnindexed();
        var wrote = false;
        if (_unindexedRows.Count >= _indexAfterTransactions)
        {
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_unindexedRows).Sort(static (a, b) => a.Id.CompareTo(b.Id));
            Write(() => InsertIds(_unindexedRows, _headHeight));
            _unindexed.Clear();
            _unindexedRows.Clear();
            _indexedHeight = _headHeight;
            wrote = true;
        }

        if (_logBytes >= Math.Max(_snapshotAfterLogBytes, _snapshotBytes))
        {
            var entries = state();
            long bytes = 0;
            Write(() => bytes = WriteSnapshot(entries, _headHeight));
            _logBytes = 0;
            _snapshotBytes = bytes;
            wrote = true;
        }

        return wrote;
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

        rows.Close();
        using var logged = _connection.CreateCommand();
        logged.CommandText = "SELECT writes FROM state_log WHERE height = $h";
        logged.Parameters.AddWithValue("$h", height);
        using var log = logged.ExecuteReader();
        var writes = log.Read() ? Blob(log, 0) : null;
        return new StoredBlock(height, hash, header, seal, list.ToImmutable(), writes);
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
    /// <remarks>The snapshot with the log of every later block applied in height order; the log must hold exactly the blocks after the snapshot's height.</remarks>
    public IReadOnlyList<KeyValuePair<string, byte[]>> ReadState() => ReadConsistently(head =>
    {
        if (head < 0)
        {
            return (IReadOnlyList<KeyValuePair<string, byte[]>>)[];
        }

        var snapshotHeight = MetaHeight(StateHeightKey, head);
        var state = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        _snapshotBytes = ReadSnapshot(entry => state.Add(entry.Key, entry.Value));
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT height, writes FROM state_log ORDER BY height";
            using var reader = command.ExecuteReader();
            var expected = snapshotHeight + 1;
            while (reader.Read())
            {
                var height = Integer(reader, 0);
                if (height != expected || height > head)
                {
                    throw new LedgerStoreException($"The state log holds block {height} where block {expected} was due (state snapshot at {snapshotHeight}, head {head}).");
                }

                StateWriteLog.ApplyTo(Blob(reader, 1), state);
                expected++;
            }

            if (expected != head + 1)
            {
                throw new LedgerStoreException($"The state log ends at block {expected - 1}; the head is {head} (state snapshot at {snapshotHeight}).");
            }
        }

        var entries = state.ToList();
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    });

    /// <inheritdoc/>
    /// <remarks>The <c>state</c> table and <c>meta('state-height')</c>.</remarks>
    public (long Height, IReadOnlyList<KeyValuePair<string, byte[]>> Entries) ReadStateSnapshot() => ReadConsistently(head =>
    {
        if (head < 0)
        {
            return (-1L, (IReadOnlyList<KeyValuePair<string, byte[]>>)[]);
        }

        var height = MetaHeight(StateHeightKey, head);
        var entries = new List<KeyValuePair<string, byte[]>>();
        ReadSnapshot(entries.Add);
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return (height, (IReadOnlyList<KeyValuePair<string, byte[]>>)entries);
    });

    /// <inheritdoc/>
    /// <remarks>The index for blocks up to <c>meta('indexed-height')</c>, then the deferred ids of later blocks (refreshed first, for a reader while a node appends).</remarks>
    public TransactionLocation? FindTransaction(Hash256 id) => Guard(() =>
    {
        LoadUnindexed();
        _findTransaction.Parameters[0].Value = id.ToArray();
        TransactionLocation? first = null;
        using (var reader = _findTransaction.ExecuteReader())
        {
            while (reader.Read())
            {
                var accepted = IsAccepted(Blob(reader, 2));
                var location = new TransactionLocation(Integer(reader, 0), checked((int)Integer(reader, 1)), accepted);
                if (accepted)
                {
                    return location;
                }

                first ??= location;
            }
        }

        return _unindexed.TryGetValue(id, out var later) && (first is null || later.Accepted) ? new TransactionLocation(later.Height, later.Position, later.Accepted) : first;
    });

    /// <inheritdoc/>
    public bool WasAccepted(Hash256 id) => FindTransaction(id) is { IsAccepted: true };

    /// <inheritdoc/>
    /// <remarks>
    /// Also checks the transaction-id index: exactly one row for each transaction of the indexed blocks, naming its id
    /// and place. One read transaction: a node may append or catch up on the index meanwhile.
    /// </remarks>
    public (long Blocks, long Transactions, long Accepted) Count() => ReadConsistently(head =>
    {
        var blocks = Scalar("SELECT COUNT(*) FROM blocks");
        var transactions = Scalar("SELECT COUNT(*) FROM transactions WHERE height <> 0");
        var indexedHeight = MetaHeight(IndexedHeightKey, head);
        var indexed = Scalar("SELECT COUNT(*) FROM transaction_ids");
        var due = Scalar($"SELECT COUNT(*) FROM transactions WHERE height <= {indexedHeight}");
        var matched = Scalar($"SELECT COUNT(*) FROM transactions t JOIN transaction_ids i ON i.id = t.id AND i.height = t.height AND i.position = t.position WHERE t.height <= {indexedHeight}");
        if (indexed != due || matched != due)
        {
            throw new LedgerStoreException($"The transaction-id index holds {indexed} rows, {matched} of them naming a transaction of blocks 0 … {indexedHeight}, which hold {due}.");
        }

        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT receipt FROM transactions WHERE height <> 0";
        using var reader = command.ExecuteReader();
        long accepted = 0;
        while (reader.Read())
        {
            if (IsAccepted(Blob(reader, 0)))
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
        _insertStateLog.Dispose();
        _insertId.Dispose();
        _insertState.Dispose();
        _findTransaction.Dispose();
        _connection.Dispose();
    }

    private void WriteBlock(Block block)
    {
        var height = block.Header.Height;
        _insertBlock.Bind(1, height).Bind(2, block.Hash).Bind(3, block.Header.Encode()).Bind(4, block.Seal).Run();
        for (var i = 0; i < block.Transactions.Length; i++)
        {
            var bytes = block.Transactions[i];
            _insertTransaction.Bind(1, height).Bind(2, i)
                .Bind(3, block.Receipts.IsEmpty ? Crypto.Hashing.Sha256Digest.Hash(bytes) : block.Receipts[i].TransactionId)
                .Bind(4, bytes)
                .Bind(5, block.Receipts.IsEmpty ? [] : ReceiptBlob.Pack(block.Receipts[i].Encode()))
                .Run();
        }
    }

    /// <summary>Replaces the state table with <paramref name="entries"/> (ordered by key), empties the log and records <paramref name="height"/> as the snapshot's; returns the bytes of keys and values.</summary>
    private long WriteSnapshot(IEnumerable<KeyValuePair<string, byte[]>> entries, long height)
    {
        Execute(_connection, "DELETE FROM state; DELETE FROM state_log;");
        long bytes = 0;
        foreach (var entry in entries)
        {
            _insertState.Bind(1, entry.Key).Bind(2, entry.Value).Run();
            bytes += entry.Key.Length + entry.Value.Length;
        }

        SetMetaHeight(_connection, StateHeightKey, height);
        return bytes;
    }

    /// <summary>Reads every row of the state table into <paramref name="add"/>; returns the bytes of keys and values.</summary>
    private long ReadSnapshot(Action<KeyValuePair<string, byte[]>> add)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM state";
        using var reader = command.ExecuteReader();
        long bytes = 0;
        while (reader.Read())
        {
            var (key, value) = (Text(reader, 0), Blob(reader, 1));
            add(new(key, value));
            bytes += key.Length + value.Length;
        }

        return bytes;
    }

    /// <summary>A height kept in <c>meta</c> (8 bytes big-endian), which must be one of the chain's, 0 … <paramref name="head"/>.</summary>
    private long MetaHeight(string key, long head)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new LedgerStoreException($"The store does not record its '{key}'.");
        }

        var bytes = Blob(reader, 0);
        var height = bytes.Length == 8 ? BinaryPrimitives.ReadInt64BigEndian(bytes) : -1;
        return height >= 0 && height <= head
            ? height
            : throw new LedgerStoreException($"The store's '{key}' is not a height of this chain (head {head}).");
    }

    private static void SetMetaHeight(SqliteConnection connection, string key, long height)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, height);
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", bytes);
        command.ExecuteNonQuery();
    }

    /// <summary>Inserts index rows (in id order, for locality) and records <paramref name="height"/> as the index's.</summary>
    private void InsertIds(IEnumerable<(Hash256 Id, long Height, int Position)> rows, long height)
    {
        foreach (var row in rows)
        {
            _insertId.Bind(1, row.Id).Bind(2, row.Height).Bind(3, row.Position).Run();
        }

        SetMetaHeight(_connection, IndexedHeightKey, height);
    }

    /// <summary>Remembers a transaction the index does not hold yet; the first accepted occurrence of an id, else its first, answers a lookup.</summary>
    private void Defer(Hash256 id, long height, int position, bool accepted)
    {
        if (_unindexedRows.Capacity < _indexAfterTransactions)
        {
            // Once, at the size a batch reaches: growing these by doubling allocated large objects again and again.
            var capacity = Math.Min(_indexAfterTransactions, 1 << 20) + 4_096;
            _unindexedRows.Capacity = capacity;
            _unindexed.EnsureCapacity(capacity);
        }

        _unindexedRows.Add((id, height, position));
        if (!_unindexed.TryGetValue(id, out var known) || (accepted && !known.Accepted))
        {
            _unindexed[id] = (height, position, accepted);
        }
    }

    /// <summary>
    /// Reads the ids of blocks after those already known: the first time, every block after the index's height (not at
    /// open, so that a verifier reports a damaged row at its block); later, blocks another process appended.
    /// </summary>
    private void LoadUnindexed()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT height, position, id, receipt FROM transactions WHERE height > $h ORDER BY height, position";
        command.Parameters.AddWithValue("$h", _loadedHeight);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var height = Integer(reader, 0);
            Defer(ToHash(Blob(reader, 2)), height, checked((int)Integer(reader, 1)), height != 0 && IsAccepted(Blob(reader, 3)));
            _loadedHeight = height;
        }
    }

    private static bool IsAccepted(byte[] receipt) => Receipt.Decode(ReceiptBlob.Unpack(receipt)) is { IsSuccess: true } r && r.Value.IsAccepted;

    /// <summary>
    /// Version 1 kept the state after the head in <c>state</c>, updated in place, had no log and indexed ids with
    /// <c>transactions_by_id</c>: it becomes a snapshot at the head with an empty log and a <c>transaction_ids</c> table
    /// covering every block, in one transaction.
    /// </summary>
    private static void MigrateFromVersion1(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using (var log = connection.CreateCommand())
        {
            log.CommandText = "SELECT COUNT(*) FROM state_log";
            if (Convert.ToInt64(log.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                throw new LedgerStoreException("A store of schema version 1 holds a state log, which that version never wrote.");
            }
        }

        using (var head = connection.CreateCommand())
        {
            head.CommandText = "SELECT COALESCE(MAX(height), 0) FROM blocks";
            var height = Convert.ToInt64(head.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            SetMetaHeight(connection, StateHeightKey, height);
            SetMetaHeight(connection, IndexedHeightKey, height);
        }

        Execute(connection, "INSERT INTO transaction_ids(id, height, position) SELECT id, height, position FROM transactions; DROP INDEX IF EXISTS transactions_by_id;");

        using (var version = connection.CreateCommand())
        {
            version.CommandText = "UPDATE meta SET value = $v WHERE key = 'schema-version'";
            version.Parameters.AddWithValue("$v", BitConverter.GetBytes(SchemaVersion));
            version.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private void Write(Action write)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            write();
            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "Cannot write to the ledger store");
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> in one read transaction with the head height it sees: another process's node may
    /// append blocks or write a snapshot meanwhile, and the snapshot, the log and the head must come from one moment.
    /// </summary>
    private T ReadConsistently<T>(Func<long, T> read) => Guard(() =>
    {
        using var transaction = _connection.BeginTransaction(deferred: true);
        var result = read(Scalar(HeadHeightQuery));
        transaction.Commit();
        return result;
    });

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
