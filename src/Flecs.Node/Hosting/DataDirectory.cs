using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Storage;
using Flecs.Storage.Postgres;
using Flecs.Storage.Sqlite;

namespace Flecs.Node.Hosting;

/// <summary>
/// The layout of a node's data directory: <c>genesis.cbor</c>, the ledger store, <c>keys/</c> and the <c>node.lock</c>
/// file. The store is <c>ledger.db</c> (SQLite) unless <c>store.conf</c> names a PostgreSQL database
/// (docs/formats/postgres-store.md#configuration): every command that opens the directory uses the store it names.
/// </summary>
public sealed class DataDirectory
{
    /// <summary>The code when the directory is missing or not initialized.</summary>
    public const string NotInitialized = "node.data.not-initialized";

    /// <summary>The code when the directory already holds a chain.</summary>
    public const string AlreadyInitialized = "node.data.already-initialized";

    /// <summary>The code when the configured store cannot be created or reached.</summary>
    public const string StoreUnavailable = "node.data.store-unavailable";

    private const string PostgresPrefix = "postgres:";

    /// <summary>Wraps a directory path.</summary>
    public DataDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Root = Path.GetFullPath(path);
    }

    /// <summary>The directory.</summary>
    public string Root { get; }

    /// <summary>The genesis file: the trust anchor to hand to light clients.</summary>
    public string GenesisPath => Path.Combine(Root, "genesis.cbor");

    /// <summary>The SQLite store.</summary>
    public string StorePath => Path.Combine(Root, "ledger.db");

    /// <summary>The store configuration: absent for SQLite, or one line <c>postgres: CONNECTION-STRING</c>.</summary>
    public string StoreConfigPath => Path.Combine(Root, "store.conf");

    /// <summary>The PostgreSQL connection string that <c>store.conf</c> names, or null for the SQLite store.</summary>
    /// <exception cref="LedgerStoreException"><c>store.conf</c> is not one <c>postgres:</c> line.</exception>
    public string? PostgresConnection
    {
        get
        {
            if (!File.Exists(StoreConfigPath))
            {
                return null;
            }

            var line = File.ReadAllText(StoreConfigPath).Trim();
            return line.StartsWith(PostgresPrefix, StringComparison.Ordinal) && line.Length > PostgresPrefix.Length && !line.Contains('\n', StringComparison.Ordinal)
                ? line[PostgresPrefix.Length..].Trim()
                : throw new LedgerStoreException($"'{StoreConfigPath}' must be one line 'postgres: <connection string>'.");
        }
    }

    /// <summary>True when the directory's store exists (the SQLite file, or a configured PostgreSQL database).</summary>
    public bool HasStore => File.Exists(StoreConfigPath) || File.Exists(StorePath);

    /// <summary>The store for messages: the SQLite path, or the PostgreSQL host and database.</summary>
    public string StoreName => PostgresConnection is { } connection ? PostgresLedgerStore.Describe(connection) : StorePath;

    /// <summary>The key folder.</summary>
    public string KeysPath => Path.Combine(Root, "keys");

    /// <summary>The lock file held while a node has the directory open.</summary>
    public string LockPath => Path.Combine(Root, "node.lock");

    /// <summary>True when the directory holds a genesis file.</summary>
    public bool IsInitialized => File.Exists(GenesisPath);

    /// <summary>
    /// Opens the store for reading beside a running node (a verifier following the chain, a report): a second
    /// connection, which sees each block once its transaction has committed. The node opens its store the same way.
    /// The caller disposes it.
    /// </summary>
    /// <param name="snapshotAfterLogBytes">For a SQLite store: the log size from which a state snapshot is due (docs/formats/sqlite-store.md#state-snapshot-and-log); null for its default.</param>
    /// <param name="indexAfterTransactions">For a SQLite store: the deferred transaction ids from which they are indexed; null for its default.</param>
    /// <exception cref="LedgerStoreException">The store is missing or unreadable.</exception>
    public ILedgerStore OpenStore(long? snapshotAfterLogBytes = null, int? indexAfterTransactions = null) =>
        PostgresConnection is { } connection
            ? PostgresLedgerStore.Open(connection, create: false)
            : SqliteLedgerStore.Open(
                StorePath,
                create: false,
                snapshotAfterLogBytes ?? SqliteLedgerStore.DefaultSnapshotAfterLogBytes,
                indexAfterTransactions ?? SqliteLedgerStore.DefaultIndexAfterTransactions);

    /// <summary>The path of a key file.</summary>
    public string KeyPath(PlayerId id) => Path.Combine(KeysPath, id.Value + ".key");

    /// <summary>Creates genesis with a new SA root key and <paramref name="validatorCount"/> validator keys, and block 0 in the store.</summary>
    /// <param name="chainId">The chain id.</param>
    /// <param name="interval">The delivery interval length.</param>
    /// <param name="validatorCount">How many validators (keys <c>validator-1</c> …).</param>
    /// <param name="time">The genesis timestamp's clock.</param>
    /// <param name="currency">The currency code.</param>
    /// <param name="postgres">A PostgreSQL connection string: the chain is stored in that (empty) database, and <c>store.conf</c>
    /// records it; null stores it in <c>ledger.db</c>.</param>
    /// <param name="keySource">Makes the key of <c>sa</c> and of each validator; default: a new random key. A reproducible
    /// simulation derives them from its seed, so that equal seeds give equal genesis files and chains. The keys it
    /// returns are written to <c>keys/</c> and disposed here: return a new instance each call.</param>
    public Result<GenesisConfig> Initialize(string chainId, IntervalLength interval, int validatorCount, TimeProvider time, string currency = "EUR", Func<PlayerId, Ed25519Signer>? keySource = null, string? postgres = null)
    {
        keySource ??= _ => Ed25519Signer.Generate();
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(validatorCount, 1);
        if (IsInitialized || HasStore)
        {
            return Result<GenesisConfig>.Fail(AlreadyInitialized, $"'{Root}' already holds a chain.");
        }

        var saId = PlayerId.Parse("sa");
        using var sa = keySource(saId);
        var validatorKeys = Enumerable.Range(1, validatorCount).Select(i => PlayerId.Parse($"validator-{i}")).Select(id => (Id: id, Key: keySource(id))).ToArray();
        try
        {
            var genesis = new GenesisConfig
            {
                ChainId = chainId,
                Currency = currency,
                TimestampMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
                IntervalLength = interval,
                SupervisingAuthorityId = saId,
                SupervisingAuthorityKey = sa.PublicKey,
                Validators = [.. validatorKeys.Select(v => new ValidatorInfo(v.Id, v.Key.PublicKey)).OrderBy(v => v.Id)],
                Limits = LedgerLimits.Default,
            };
            var valid = genesis.Validate();
            if (!valid.IsSuccess)
            {
                return valid.Error;
            }

            Directory.CreateDirectory(KeysPath);
            KeyFile.Write(KeyPath(saId), sa);
            foreach (var (id, key) in validatorKeys)
            {
                KeyFile.Write(KeyPath(id), key);
            }

            return Create(genesis, postgres);
        }
        catch (IOException ex)
        {
            return Result<GenesisConfig>.Fail(AlreadyInitialized, $"'{Root}' already holds keys or a store: {ex.Message}");
        }
        catch (LedgerStoreException ex)
        {
            return Result<GenesisConfig>.Fail(StoreUnavailable, ex.Message);
        }
        finally
        {
            foreach (var (_, key) in validatorKeys)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>
    /// Creates a follower's data directory: <c>genesis.cbor</c> with <paramref name="genesisBytes"/> and a store holding
    /// block 0 and the genesis state. A follower holds no keys; it replicates and verifies the blocks of a validator
    /// (<see cref="Following.FollowerNode"/>).
    /// </summary>
    /// <param name="genesisBytes">The chain's genesis document, obtained from a source the operator trusts: every block the
    /// follower accepts must extend the block 0 derived from it.</param>
    /// <param name="postgres">A PostgreSQL connection string for the store (an empty database); null stores it in <c>ledger.db</c>.</param>
    /// <returns>The genesis; <see cref="Flecs.Ledger.LedgerErrors.GenesisInvalid"/> when the bytes are not a valid canonical genesis,
    /// <see cref="AlreadyInitialized"/> when the directory exists and is not empty, or <see cref="StoreUnavailable"/>.</returns>
    public Result<GenesisConfig> InitializeFollower(byte[] genesisBytes, string? postgres = null)
    {
        ArgumentNullException.ThrowIfNull(genesisBytes);
        var genesis = GenesisConfig.Decode(genesisBytes);
        if (!genesis.IsSuccess)
        {
            return genesis.Error;
        }

        if (Directory.Exists(Root) && Directory.EnumerateFileSystemEntries(Root).Any())
        {
            return Result<GenesisConfig>.Fail(AlreadyInitialized, $"'{Root}' is not empty; a follower starts in an empty directory.");
        }

        try
        {
            Directory.CreateDirectory(Root);
            return Create(genesis.Value, postgres);
        }
        catch (IOException ex)
        {
            return Result<GenesisConfig>.Fail(AlreadyInitialized, $"'{Root}' already holds a store: {ex.Message}");
        }
        catch (LedgerStoreException ex)
        {
            return Result<GenesisConfig>.Fail(StoreUnavailable, ex.Message);
        }
    }

    private GenesisConfig Create(GenesisConfig genesis, string? postgres)
    {
        var bytes = genesis.Encode();
        using (var store = postgres is not null ? (ILedgerStore)PostgresLedgerStore.Open(postgres, create: true) : SqliteLedgerStore.Open(StorePath, create: true))
        {
            store.Initialize(bytes, GenesisBlock.Create(genesis), GenesisBlock.InitialState(genesis).SortedWrites());
        }

        if (postgres is not null)
        {
            // The connection string may hold a password: the file is the owner's only, like the keys.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var config = new FileStream(StoreConfigPath, options);
            config.Write(System.Text.Encoding.UTF8.GetBytes(PostgresPrefix + " " + postgres + "\n"));
        }

        using (var file = new FileStream(GenesisPath, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        return genesis;
    }

    /// <summary>Reads the genesis file.</summary>
    public Result<GenesisConfig> ReadGenesis() =>
        IsInitialized
            ? GenesisConfig.Decode(File.ReadAllBytes(GenesisPath))
            : Result<GenesisConfig>.Fail(NotInitialized, $"'{Root}' holds no chain; run 'flecs init --data {Root}' first.");
}
