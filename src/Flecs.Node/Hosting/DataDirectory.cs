using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Storage;
using Flecs.Storage.Sqlite;

namespace Flecs.Node.Hosting;

/// <summary>The layout of a node's data directory: <c>genesis.cbor</c>, <c>ledger.db</c>, <c>keys/</c> and the <c>node.lock</c> file.</summary>
public sealed class DataDirectory
{
    /// <summary>The code when the directory is missing or not initialized.</summary>
    public const string NotInitialized = "node.data.not-initialized";

    /// <summary>The code when the directory already holds a chain.</summary>
    public const string AlreadyInitialized = "node.data.already-initialized";

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

    /// <summary>The key folder.</summary>
    public string KeysPath => Path.Combine(Root, "keys");

    /// <summary>The lock file held while a node has the directory open.</summary>
    public string LockPath => Path.Combine(Root, "node.lock");

    /// <summary>True when the directory holds a genesis file.</summary>
    public bool IsInitialized => File.Exists(GenesisPath);

    /// <summary>
    /// Opens the store for reading beside a running node (a verifier following the chain, a report): a second
    /// connection, which sees each block once its SQLite transaction has committed. The caller disposes it.
    /// </summary>
    /// <exception cref="LedgerStoreException">The store is missing or unreadable.</exception>
    public ILedgerStore OpenStore() => SqliteLedgerStore.Open(StorePath, create: false);

    /// <summary>The path of a key file.</summary>
    public string KeyPath(PlayerId id) => Path.Combine(KeysPath, id.Value + ".key");

    /// <summary>Creates genesis with a new SA root key and <paramref name="validatorCount"/> validator keys, and block 0 in the store.</summary>
    /// <param name="chainId">The chain id.</param>
    /// <param name="interval">The delivery interval length.</param>
    /// <param name="validatorCount">How many validators (keys <c>validator-1</c> …).</param>
    /// <param name="time">The genesis timestamp's clock.</param>
    /// <param name="currency">The currency code.</param>
    /// <param name="keySource">Makes the key of <c>sa</c> and of each validator; default: a new random key. A reproducible
    /// simulation derives them from its seed, so that equal seeds give equal genesis files and chains. The keys it
    /// returns are written to <c>keys/</c> and disposed here: return a new instance each call.</param>
    public Result<GenesisConfig> Initialize(string chainId, IntervalLength interval, int validatorCount, TimeProvider time, string currency = "EUR", Func<PlayerId, Ed25519Signer>? keySource = null)
    {
        keySource ??= _ => Ed25519Signer.Generate();
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(validatorCount, 1);
        if (IsInitialized || File.Exists(StorePath))
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

            return Create(genesis);
        }
        catch (IOException ex)
        {
            return Result<GenesisConfig>.Fail(AlreadyInitialized, $"'{Root}' already holds keys or a store: {ex.Message}");
        }
        finally
        {
            foreach (var (_, key) in validatorKeys)
            {
                key.Dispose();
            }
        }
    }

    private GenesisConfig Create(GenesisConfig genesis)
    {
        var bytes = genesis.Encode();
        using (var store = SqliteLedgerStore.Open(StorePath, create: true))
        {
            store.Initialize(bytes, GenesisBlock.Create(genesis), GenesisBlock.InitialState(genesis).SortedWrites());
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
