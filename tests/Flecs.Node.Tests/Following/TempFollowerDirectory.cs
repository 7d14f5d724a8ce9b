using Flecs.Core.Results;
using Flecs.Node.Following;
using Flecs.Node.Hosting;
using Flecs.Testing.Hosting;

namespace Flecs.Node.Tests.Following;

/// <summary>A follower's data directory, initialized with a validator directory's genesis file; deleted on <see cref="Dispose"/>.</summary>
internal sealed class TempFollowerDirectory : IDisposable
{
    private TempFollowerDirectory(string root) => Data = new DataDirectory(root);

    public DataDirectory Data { get; }

    public static TempFollowerDirectory Of(TempDataDirectory validator)
    {
        var directory = new TempFollowerDirectory(Path.Combine(Directory.CreateTempSubdirectory("flecs-follower-").FullName, "data"));
        var genesis = directory.Data.InitializeFollower(File.ReadAllBytes(validator.Data.GenesisPath));
        Assert.True(genesis.IsSuccess, genesis.Error?.ToString());
        return directory;
    }

    public FollowerOptions Options() => new() { DataDirectory = Data.Root, RetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero };

    public Result<FollowerNode> TryOpen() => FollowerNode.Open(Options(), TimeProvider.System);

    public FollowerNode Open()
    {
        var follower = TryOpen();
        Assert.True(follower.IsSuccess, follower.Error?.ToString());
        return follower.Value;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Data.Root)!, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the OS temp cleaner removes what is left.
        }
    }
}
