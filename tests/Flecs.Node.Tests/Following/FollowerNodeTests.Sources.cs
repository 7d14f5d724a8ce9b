using Flecs.Core.Results;
using Flecs.Ledger.Storage;
using Flecs.Node.Following;

namespace Flecs.Node.Tests.Following;

public sealed partial class FollowerNodeTests
{
    [Fact(Timeout = Timeout)]
    public async Task RunAsync_SourceThrows_CountedAsASourceFailureNotAForgery()
    {
        var ct = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var source = new ScriptedSource(stop, fetch: _ => throw new HttpRequestException("connection refused"), head: null);
        using var followerDir = TempFollowerDirectory.Of(fixture.Dir);
        await using var follower = followerDir.Open();

        var result = await follower.RunAsync(source, stop.Token);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(ScriptedSource.Calls, follower.Status.SourceErrors);
        Assert.Equal(FollowerNode.SourceFailed, follower.Status.LastError?.Code);
        Assert.Contains("connection refused", follower.Status.LastError!.Message, StringComparison.Ordinal);
        Assert.Equal(0, follower.Status.HeadHeight);
    }

    [Fact(Timeout = Timeout)]
    public async Task RunAsync_SourceAnnouncesAHeadItDoesNotServe_CountedAsASourceFailure()
    {
        var ct = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var source = new ScriptedSource(stop, fetch: _ => null, head: 7);
        using var followerDir = TempFollowerDirectory.Of(fixture.Dir);
        await using var follower = followerDir.Open();

        var result = await follower.RunAsync(source, stop.Token);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.InRange(follower.Status.SourceErrors, 1, ScriptedSource.Calls);
        Assert.Equal(FollowerNode.SourceFailed, follower.Status.LastError?.Code);
        Assert.Equal(7, follower.Status.SourceHeight);
        Assert.Equal(0, follower.Status.HeadHeight);
    }

    /// <summary>Answers fetches with <c>fetch</c> and waits with <c>head</c> at once; cancels <c>stop</c> after <see cref="Calls"/> fetches.</summary>
    private sealed class ScriptedSource(CancellationTokenSource stop, Func<long, StoredBlock?> fetch, long? head) : IBlockSource
    {
        public const int Calls = 5;

        private int _fetches;

        public async Task<Result<StoredBlock?>> FetchAsync(long height, CancellationToken cancellationToken)
        {
            if (++_fetches > Calls)
            {
                await stop.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return fetch(height);
        }

        public Task<Result<long?>> WaitForHeightAsync(long height, CancellationToken cancellationToken) => Task.FromResult(Result<long?>.Ok(head));
    }
}
