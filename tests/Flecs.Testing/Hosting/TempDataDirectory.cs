using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Genesis;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Storage.Sqlite;
using Flecs.Testing.Builders;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Flecs.Testing.Hosting;

/// <summary>A node data directory in a fresh temporary folder, initialized at a fixed time; deleted on <see cref="Dispose"/>.</summary>
/// <remarks>
/// <see cref="DataDirectory.Initialize"/> generates random keys, so the genesis differs from run to run; read
/// the keys back with <see cref="Key"/>. Nodes opened here default to the system clock with a 2 ms block delay,
/// so that an awaited submission completes promptly; pass a <see cref="FakeTimeProvider"/> to cut blocks by count only.
/// </remarks>
public sealed class TempDataDirectory : IDisposable
{
    /// <summary>The default block delay of test nodes.</summary>
    public static readonly TimeSpan DefaultBlockDelay = TimeSpan.FromMilliseconds(2);

    private TempDataDirectory(string root, GenesisConfig genesis)
    {
        Root = root;
        Data = new DataDirectory(root);
        Genesis = genesis;
    }

    /// <summary>The directory.</summary>
    public string Root { get; }

    /// <summary>The data directory layout.</summary>
    public DataDirectory Data { get; }

    /// <summary>The genesis written at initialization.</summary>
    public GenesisConfig Genesis { get; }

    /// <summary>The Supervising Authority with its root key from <c>keys/sa.key</c>.</summary>
    public TestPlayer Sa => Key(Genesis.SupervisingAuthorityId.Value);

    /// <summary>The genesis time of every directory made here.</summary>
    public static DateTimeOffset GenesisTime => DateTimeOffset.FromUnixTimeMilliseconds(GenesisBuilder.DefaultTimestampMs);

    /// <summary>Creates and initializes a directory with <paramref name="validatorCount"/> validators and intervals of <paramref name="intervalMinutes"/>.</summary>
    public static TempDataDirectory Create(int validatorCount = 1, string chainId = GenesisBuilder.DefaultChainId, int intervalMinutes = 15)
    {
        var root = Directory.CreateTempSubdirectory("flecs-test-").FullName;
        var genesis = new DataDirectory(root).Initialize(chainId, IntervalLength.FromMinutes(intervalMinutes), validatorCount, new FakeTimeProvider(GenesisTime));
        if (!genesis.IsSuccess)
        {
            Directory.Delete(root, recursive: true);
            throw new InvalidOperationException("Cannot initialize a test data directory: " + genesis.Error);
        }

        return new TempDataDirectory(root, genesis.Value);
    }

    /// <summary>A copy of this directory (which no node may have open) in a new temporary folder.</summary>
    public TempDataDirectory Clone()
    {
        var root = Directory.CreateTempSubdirectory("flecs-test-").FullName;
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return new TempDataDirectory(root, Genesis);
    }

    /// <summary>The key stored in <c>keys/&lt;id&gt;.key</c>.</summary>
    public TestPlayer Key(string id)
    {
        var playerId = PlayerId.Parse(id);
        var key = KeyFile.Read(Data.KeyPath(playerId));
        return key.IsSuccess ? new TestPlayer(playerId, key.Value) : throw new InvalidOperationException(key.Error.ToString());
    }

    /// <summary>Writes <paramref name="player"/>'s key to <c>keys/&lt;id&gt;.key</c> (to run the node as a validator added later).</summary>
    public void WriteKey(TestPlayer player)
    {
        ArgumentNullException.ThrowIfNull(player);
        KeyFile.Write(Data.KeyPath(player.Id), player.Signer);
    }

    /// <summary>Node options for this directory.</summary>
    public NodeOptions Options(int? maxBlockTransactions = null, TimeSpan? maxBlockDelay = null, string? validatorId = null) => new()
    {
        DataDirectory = Root,
        MaxBlockTransactions = maxBlockTransactions,
        MaxBlockDelay = maxBlockDelay ?? DefaultBlockDelay,
        ValidatorId = validatorId,
    };

    /// <summary>Opens a node, returning the failure instead of throwing.</summary>
    public Result<EmbeddedNode> TryOpenNode(TimeProvider? time = null, int? maxBlockTransactions = null, TimeSpan? maxBlockDelay = null, string? validatorId = null) =>
        EmbeddedNode.Open(Options(maxBlockTransactions, maxBlockDelay, validatorId), time ?? TimeProvider.System);

    /// <summary>Opens a node; throws when it cannot.</summary>
    public EmbeddedNode OpenNode(TimeProvider? time = null, int? maxBlockTransactions = null, TimeSpan? maxBlockDelay = null, string? validatorId = null)
    {
        var node = TryOpenNode(time, maxBlockTransactions, maxBlockDelay, validatorId);
        return node.IsSuccess ? node.Value : throw new InvalidOperationException("Cannot open the node: " + node.Error);
    }

    /// <summary>Opens the SQLite store directly (no node may have it open).</summary>
    public SqliteLedgerStore OpenStore() => SqliteLedgerStore.Open(Data.StorePath);

    /// <summary>Opens a raw connection to <c>ledger.db</c>, for tamper tests.</summary>
    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Data.StorePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs one SQL statement with named parameters against <c>ledger.db</c>; returns the rows changed.</summary>
    public int ExecuteSql(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>Deletes the directory.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the OS temp cleaner removes what is left.
        }
    }
}
