using Flecs.Core.Time;
using Flecs.Crypto.Signatures;
using Flecs.Ledger;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Verification;
using Flecs.Node.Hosting;
using Flecs.Storage.Sqlite;
using Flecs.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Flecs.Node.Tests.Hosting;

public sealed class DataDirectoryTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("flecs-data-tests-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Initialize_EmptyDirectory_WritesGenesisKeysAndAVerifiableBlock0()
    {
        var data = new DataDirectory(_root.FullName);

        var genesis = data.Initialize("chain-a", IntervalLength.FromMinutes(5), 3, new FakeTimeProvider(TempDataDirectory.GenesisTime));

        Assert.True(genesis.IsSuccess, genesis.Error?.ToString());
        Assert.Equal(TempDataDirectory.GenesisTime.ToUnixTimeMilliseconds(), genesis.Value.TimestampMs);
        Assert.Equal(["validator-1", "validator-2", "validator-3"], genesis.Value.Validators.Select(v => v.Id.Value));
        Assert.Equal(genesis.Value.Encode(), File.ReadAllBytes(data.GenesisPath));
        Assert.Equal(genesis.Value.SupervisingAuthorityKey, KeyFile.ReadPublicKey(data.KeyPath(genesis.Value.SupervisingAuthorityId)).Value);
        Assert.All(genesis.Value.Validators, v => Assert.Equal(v.PublicKey, KeyFile.ReadPublicKey(data.KeyPath(v.Id)).Value));
        Assert.True(data.IsInitialized);
        using var store = SqliteLedgerStore.Open(data.StorePath);
        var report = LedgerVerifier.Verify(store, new Ed25519SignatureVerifier(), trustedGenesis: genesis.Value.Encode());
        Assert.True(report.IsValid, report.Error?.ToString());
        Assert.Equal(0, report.HeadHeight);
    }

    [Fact]
    public void Initialize_AlreadyInitialized_FailsWithAlreadyInitialized()
    {
        var data = new DataDirectory(_root.FullName);
        var first = data.Initialize("chain-a", IntervalLength.FromMinutes(15), 1, TimeProvider.System);

        var second = data.Initialize("chain-a", IntervalLength.FromMinutes(15), 1, TimeProvider.System);

        Assert.True(first.IsSuccess);
        Assert.Equal(DataDirectory.AlreadyInitialized, second.Error?.Code);
        Assert.Equal(first.Value, data.ReadGenesis().Value with { Validators = first.Value.Validators });
    }

    [Fact]
    public void Initialize_InvalidChainId_FailsAndWritesNothing()
    {
        var data = new DataDirectory(_root.FullName);

        var genesis = data.Initialize(new string('x', 65), IntervalLength.FromMinutes(15), 1, TimeProvider.System);

        Assert.Equal(LedgerErrors.GenesisInvalid, genesis.Error?.Code);
        Assert.False(data.IsInitialized);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root.FullName));
    }

    [Fact]
    public void ReadGenesis_NotInitialized_FailsWithNotInitialized()
    {
        var data = new DataDirectory(Path.Combine(_root.FullName, "missing"));

        var genesis = data.ReadGenesis();

        Assert.Equal(DataDirectory.NotInitialized, genesis.Error?.Code);
    }

    [Fact]
    public void Initialize_TwoDirectories_DifferentKeys()
    {
        using var first = TempDataDirectory.Create();
        using var second = TempDataDirectory.Create();

        Assert.NotEqual(first.Genesis.SupervisingAuthorityKey, second.Genesis.SupervisingAuthorityKey);
        Assert.Equal(first.Genesis with { SupervisingAuthorityKey = default, Validators = [] }, second.Genesis with { SupervisingAuthorityKey = default, Validators = [] });
        Assert.Equal(GenesisConfig.Decode(File.ReadAllBytes(first.Data.GenesisPath)).Value.Encode(), first.Genesis.Encode());
    }
}
