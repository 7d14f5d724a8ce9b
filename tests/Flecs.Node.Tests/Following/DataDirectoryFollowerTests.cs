using Flecs.Crypto.Signatures;
using Flecs.Ledger;
using Flecs.Ledger.Verification;
using Flecs.Node.Hosting;
using Flecs.Storage.Sqlite;
using Flecs.Testing.Hosting;

namespace Flecs.Node.Tests.Following;

public sealed class DataDirectoryFollowerTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("flecs-follower-tests-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void InitializeFollower_MissingDirectory_WritesTheGenesisBytesAndAVerifiableBlock0WithoutKeys()
    {
        using var validator = TempDataDirectory.Create();
        var genesisBytes = File.ReadAllBytes(validator.Data.GenesisPath);
        var data = new DataDirectory(Path.Combine(_root.FullName, "follower"));

        var genesis = data.InitializeFollower(genesisBytes);

        Assert.True(genesis.IsSuccess, genesis.Error?.ToString());
        Assert.Equal(validator.Genesis, genesis.Value with { Validators = validator.Genesis.Validators });
        Assert.Equal(genesisBytes, File.ReadAllBytes(data.GenesisPath));
        Assert.False(Directory.Exists(data.KeysPath));
        Assert.False(File.Exists(data.StoreConfigPath));
        using var store = SqliteLedgerStore.Open(data.StorePath);
        var report = LedgerVerifier.Verify(store, new Ed25519SignatureVerifier(), trustedGenesis: genesisBytes);
        Assert.True(report.IsValid, report.Error?.ToString());
        Assert.Equal(0, report.HeadHeight);
        using var validatorStore = validator.OpenStore();
        Assert.Equal(validatorStore.ReadBlock(0)!.Hash, store.ReadBlock(0)!.Hash);
        Assert.Equal(validatorStore.ReadState().Select(e => (e.Key, Convert.ToHexString(e.Value))), store.ReadState().Select(e => (e.Key, Convert.ToHexString(e.Value))));
    }

    [Fact]
    public void InitializeFollower_NonEmptyDirectory_FailsWithAlreadyInitializedAndWritesNothing()
    {
        using var validator = TempDataDirectory.Create();
        File.WriteAllText(Path.Combine(_root.FullName, "notes.txt"), "mine");
        var data = new DataDirectory(_root.FullName);

        var genesis = data.InitializeFollower(File.ReadAllBytes(validator.Data.GenesisPath));

        Assert.Equal(DataDirectory.AlreadyInitialized, genesis.Error?.Code);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(_root.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public void InitializeFollower_ValidatorDirectory_FailsWithAlreadyInitialized()
    {
        using var validator = TempDataDirectory.Create();

        var genesis = validator.Data.InitializeFollower(File.ReadAllBytes(validator.Data.GenesisPath));

        Assert.Equal(DataDirectory.AlreadyInitialized, genesis.Error?.Code);
    }

    [Fact]
    public void InitializeFollower_BytesThatAreNoGenesis_FailsWithGenesisInvalidAndWritesNothing()
    {
        using var validator = TempDataDirectory.Create();
        var bytes = File.ReadAllBytes(validator.Data.GenesisPath);
        var data = new DataDirectory(_root.FullName);

        var genesis = data.InitializeFollower([.. bytes, 0x00]);

        Assert.Equal(LedgerErrors.GenesisInvalid, genesis.Error?.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root.FullName));
    }
}
