using Flecs.Crypto.Signatures;
using Flecs.Ledger;
using Flecs.Ledger.Storage;
using Flecs.Ledger.Verification;
using Flecs.Node.Following;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Testing.Hosting;

namespace Flecs.Node.Tests.Following;

[Trait("Category", "Integration")]
public sealed partial class FollowerNodeTests(ValidatorChainFixture fixture) : IClassFixture<ValidatorChainFixture>
{
    private const int Timeout = 60_000;

    [Fact(Timeout = Timeout)]
    public async Task RunAsync_ValidatorChain_SameBlocksHeadAndStateAndTheDirectoryVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = fixture.Dir.OpenStore();
        using var followerDir = TempFollowerDirectory.Of(fixture.Dir);
        await using var follower = followerDir.Open();

        await FollowToAsync(follower, TestBlockSource.Of(store), fixture.HeadHeight, ct);

        Assert.Equal(store.ReadBlock(fixture.HeadHeight)!.Hash, follower.Chain.HeadHash);
        Assert.Equal(Hex(store.ReadState()), Hex(follower.Chain.State.Snapshot()));
        Assert.Equal(Hex(store.ReadState()), Hex(follower.Read(s => s.ReadState())));
        Assert.Equal(
            Enumerable.Range(0, (int)fixture.HeadHeight + 1).Select(h => Describe(store.ReadBlock(h))),
            Enumerable.Range(0, (int)fixture.HeadHeight + 1).Select(h => Describe(follower.Read(s => s.ReadBlock(h)))));
        var report = Verify(follower);
        Assert.True(report.IsValid, report.Error?.ToString());
        Assert.Equal(fixture.HeadHeight, report.HeadHeight);
        Assert.Equal(new FollowerStatus(fixture.HeadHeight, store.ReadBlock(fixture.HeadHeight)!.Hash, fixture.HeadHeight, fixture.HeadHeight, 0, null, false), follower.Status);
    }

    [Fact(Timeout = Timeout)]
    public async Task RunAsync_ValidatorAddsBlocksLater_FollowsThemAsTheyAreSealed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = TempDataDirectory.Create();
        await using var node = dir.OpenNode();
        await ValidatorChain.AnchorAsync(node, dir, "first", ct);
        using var followerDir = TempFollowerDirectory.Of(dir);
        await using var follower = followerDir.Open();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = follower.RunAsync(TestBlockSource.Of(node), stop.Token);
        await follower.Head.WaitBeyondAsync(node.Chain.Head.Height - 1, ct);

        await ValidatorChain.AnchorAsync(node, dir, "second", ct);
        await ValidatorChain.AnchorAsync(node, dir, "third", ct);
        await follower.Head.WaitBeyondAsync(node.Chain.Head.Height - 1, ct);

        await stop.CancelAsync();
        var result = await run;
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal((node.Chain.Head.Height, node.Chain.HeadHash), (follower.Chain.Head.Height, follower.Chain.HeadHash));
        Assert.Equal(Hex(node.Chain.State.Snapshot()), Hex(follower.Chain.State.Snapshot()));
        Assert.True(Verify(follower).IsValid);
    }

    [Fact(Timeout = Timeout)]
    public async Task Open_AfterDispose_ResumesAtItsHeadAndContinues()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = TempDataDirectory.Create();
        await using var node = dir.OpenNode();
        await ValidatorChain.AnchorAsync(node, dir, "first", ct);
        await ValidatorChain.AnchorAsync(node, dir, "second", ct);
        using var followerDir = TempFollowerDirectory.Of(dir);
        var source = TestBlockSource.Of(node);
        long height;
        await using (var first = followerDir.Open())
        {
            await FollowToAsync(first, source, node.Chain.Head.Height, ct);
            height = first.Chain.Head.Height;
        }

        await ValidatorChain.AnchorAsync(node, dir, "third", ct);
        await using var reopened = followerDir.Open();
        var resumedAt = reopened.Chain.Head.Height;

        await FollowToAsync(reopened, source, node.Chain.Head.Height, ct);

        Assert.Equal(height, resumedAt);
        Assert.Equal(node.Chain.HeadHash, reopened.Chain.HeadHash);
        Assert.Equal(Hex(node.Chain.State.Snapshot()), Hex(reopened.Chain.State.Snapshot()));
        Assert.Equal(1, reopened.Status.BlocksApplied);
        Assert.True(Verify(reopened).IsValid);
    }

    [Fact(Timeout = Timeout)]
    public async Task RunAsync_SourceFailsThreeTimes_RetriesCountsTheErrorsAndCatchesUp()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = fixture.Dir.OpenStore();
        var source = TestBlockSource.Of(store);
        source.FailNext(3);
        using var followerDir = TempFollowerDirectory.Of(fixture.Dir);
        await using var follower = followerDir.Open();

        await FollowToAsync(follower, source, fixture.HeadHeight, ct);

        Assert.Equal(3, follower.Status.SourceErrors);
        Assert.Equal(TestBlockSource.Down, follower.Status.LastError?.Code);
        Assert.Equal(fixture.HeadHeight, follower.Status.BlocksApplied);
    }

    [Fact(Timeout = Timeout)]
    public async Task RunAsync_GenesisOfAnotherChain_RefusesBlock1AtBadParent()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = fixture.Dir.OpenStore();
        using var other = TempDataDirectory.Create();
        using var followerDir = TempFollowerDirectory.Of(other);
        await using var follower = followerDir.Open();

        var result = await follower.RunAsync(TestBlockSource.Of(store), ct);

        Assert.Equal(FollowerNode.ForgedBlock, result.Error?.Code);
        Assert.StartsWith($"Block 1 from the source is refused: {LedgerErrors.BlockBadParent}: ", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, follower.Chain.Head.Height);
        Assert.Equal(0, follower.Read(s => s.HeadHeight));
    }

    [Fact(Timeout = Timeout)]
    public async Task RunAsync_WhileRunning_ThrowsAndDisposeStopsTheRunCleanly()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = fixture.Dir.OpenStore();
        var source = TestBlockSource.Of(store);
        source.Limit = 1;
        using var followerDir = TempFollowerDirectory.Of(fixture.Dir);
        var follower = followerDir.Open();
        var run = follower.RunAsync(source, ct);
        await follower.Head.WaitBeyondAsync(0, ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => follower.RunAsync(source, ct));
        await follower.DisposeAsync();

        var result = await run;
        Assert.True(result.IsSuccess, result.Error?.ToString());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => follower.RunAsync(source, ct));
    }

    [Fact]
    public async Task Open_DirectoryOpenByAFollower_EmbeddedNodeAndASecondFollowerFailWithLocked()
    {
        using var followerDir = TempFollowerDirectory.Of(fixture.Dir);
        await using var follower = followerDir.Open();

        var validator = EmbeddedNode.Open(new NodeOptions { DataDirectory = followerDir.Data.Root }, TimeProvider.System);
        var second = followerDir.TryOpen();

        Assert.Equal(EmbeddedNode.Locked, validator.Error?.Code);
        Assert.Equal(FollowerNode.Locked, second.Error?.Code);
        Assert.Equal("node.data.locked", second.Error?.Code);
    }

    [Fact]
    public async Task Open_DirectoryOpenByTheValidator_FailsWithLocked()
    {
        using var dir = TempDataDirectory.Create();
        await using var node = dir.OpenNode();

        var follower = FollowerNode.Open(new FollowerOptions { DataDirectory = dir.Root }, TimeProvider.System);

        Assert.Equal(FollowerNode.Locked, follower.Error?.Code);
    }

    [Fact]
    public void Open_FollowerDirectoryWithoutValidatorKeys_EmbeddedNodeFailsWithNoValidatorKey()
    {
        using var followerDir = TempFollowerDirectory.Of(fixture.Dir);

        var validator = EmbeddedNode.Open(new NodeOptions { DataDirectory = followerDir.Data.Root }, TimeProvider.System);

        Assert.Equal(EmbeddedNode.NoValidatorKey, validator.Error?.Code);
    }

    [Fact]
    public void Open_NotInitialized_FailsWithNotInitialized()
    {
        var follower = FollowerNode.Open(new FollowerOptions { DataDirectory = Path.Combine(fixture.Dir.Root, "missing") }, TimeProvider.System);

        Assert.Equal(DataDirectory.NotInitialized, follower.Error?.Code);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1_000, 10)]
    public void Open_RetryDelaysOutOfRange_Throws(int retryMs, int maxMs)
    {
        var options = new FollowerOptions { DataDirectory = fixture.Dir.Root, RetryDelay = TimeSpan.FromMilliseconds(retryMs), MaxRetryDelay = TimeSpan.FromMilliseconds(maxMs) };

        var ex = Assert.Throws<InvalidOperationException>(() => FollowerNode.Open(options, TimeProvider.System));

        Assert.Contains("RetryDelay", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs the follower until its head reaches <paramref name="height"/> (or the run ends), then stops it; the run must end cleanly.</summary>
    private static async Task FollowToAsync(FollowerNode follower, IBlockSource source, long height, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = follower.RunAsync(source, stop.Token);
        await Task.WhenAny(run, follower.Head.WaitBeyondAsync(height - 1, stop.Token));
        await stop.CancelAsync();
        var result = await run;
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(height, follower.Chain.Head.Height);
    }

    private static VerificationReport Verify(FollowerNode follower) =>
        follower.Read(s => LedgerVerifier.Verify(s, new Ed25519SignatureVerifier(), StandardModules.Executors(), follower.Genesis.Encode()));

    private static List<string> Hex(IReadOnlyList<KeyValuePair<string, byte[]>> state) =>
        [.. state.Select(e => e.Key + "=" + Convert.ToHexStringLower(e.Value))];

    private static string Describe(StoredBlock? b) =>
        b is null ? "missing" : $"{b.Height} {b.Hash} {Convert.ToHexStringLower(b.Header)} {Convert.ToHexStringLower(b.Seal)} "
            + string.Join(' ', b.Transactions.Select(t => $"{t.Id}:{Convert.ToHexStringLower(t.Bytes)}:{Convert.ToHexStringLower(t.Receipt)}"));
}
