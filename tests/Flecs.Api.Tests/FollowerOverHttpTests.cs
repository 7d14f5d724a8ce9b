using Flecs.Api.Access;
using Flecs.Ledger.Players;
using Flecs.Testing;
using Flecs.Ledger.Storage;
using Flecs.Node.Following;
using Flecs.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Flecs.Api.Tests;

/// <summary>A follower replicating a validator through its HTTP API (<see cref="HttpBlockSource"/>), as <c>flecs node --follow</c> runs it.</summary>
public sealed class FollowerOverHttpTests
{
    [Fact]
    public async Task Follower_ReplicatesAndVerifies_TheValidatorsChain_AsItGrows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var validator = await ApiNode.StartAsync();
        await validator.AddPlayerAsync("alice", PlayerRole.Prosumer);
        using var followerDirectory = new TempFolder();
        var genesis = await validator.Anonymous().GetByteArrayAsync("api/v1/genesis", ct);
        Assert.True(new DataDirectory(followerDirectory.Path).InitializeFollower(genesis).IsSuccess);
        var follower = FollowerNode.Open(new FollowerOptions { DataDirectory = followerDirectory.Path }, TimeProvider.System).Value;
        await using var followerScope = follower;
        using var client = new HttpClient(new SignedRequestHandler(validator.Node.Genesis.ChainId, validator.Sa.Id, validator.Sa.Signer, TimeProvider.System)) { BaseAddress = validator.Address };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = follower.RunAsync(new HttpBlockSource(client, TimeSpan.FromSeconds(5)), stop.Token);

        await follower.Head.WaitBeyondAsync(validator.Node.Chain.Head.Height - 1, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        await validator.AddPlayerAsync("bob", PlayerRole.Prosumer);
        await follower.Head.WaitBeyondAsync(validator.Node.Chain.Head.Height - 1, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        await stop.CancelAsync();
        var result = await run;

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.ToString());
        Assert.Equal(validator.Node.Chain.Head.Height, follower.Chain.Head.Height);
        Assert.Equal(validator.Node.Chain.HeadHash, follower.Chain.HeadHash);
        Assert.Equal(validator.Node.Chain.State.Snapshot().Select(e => (e.Key, Convert.ToHexString(e.Value))), follower.Chain.State.Snapshot().Select(e => (e.Key, Convert.ToHexString(e.Value))));
    }

    [Fact]
    public async Task Follower_RefusesAForgedBlock_ServedOverHttp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var validator = await ApiNode.StartAsync();
        await validator.AddPlayerAsync("alice", PlayerRole.Prosumer);
        var forgedHeight = validator.Node.Chain.Head.Height;
        // A man in the middle (or a compromised mirror) that alters one byte of a transaction's signature in the last block.
        await using var mirror = await StartMirrorAsync(validator, forgedHeight);
        using var followerDirectory = new TempFolder();
        Assert.True(new DataDirectory(followerDirectory.Path).InitializeFollower(validator.Node.Genesis.Encode()).IsSuccess);
        var follower = FollowerNode.Open(new FollowerOptions { DataDirectory = followerDirectory.Path }, TimeProvider.System).Value;
        await using var followerScope = follower;
        using var client = new HttpClient { BaseAddress = new Uri(mirror.Urls.First() + "/") };

        var result = await follower.RunAsync(new HttpBlockSource(client, TimeSpan.FromSeconds(2)), ct).WaitAsync(TimeSpan.FromSeconds(60), ct);

        Assert.False(result.IsSuccess);
        Assert.Equal(FollowerNode.ForgedBlock, result.Error.Code);
        Assert.Equal(forgedHeight - 1, follower.Chain.Head.Height);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Follower_WhoseRequestsTheValidatorRefuses_StopsAtOnceWithSourceRefused(bool signedByAProsumer)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var validator = await ApiNode.StartAsync();
        var alice = await validator.AddPlayerAsync("alice", PlayerRole.Prosumer);
        using var followerDirectory = new TempFolder();
        Assert.True(new DataDirectory(followerDirectory.Path).InitializeFollower(validator.Node.Genesis.Encode()).IsSuccess);
        // A long first backoff: a follower that retried instead of stopping would still be waiting when the test gives up.
        var follower = FollowerNode.Open(new FollowerOptions { DataDirectory = followerDirectory.Path, RetryDelay = TimeSpan.FromMinutes(5), MaxRetryDelay = TimeSpan.FromMinutes(5) }, TimeProvider.System).Value;
        await using var followerScope = follower;
        // Whole blocks are the SA's: a prosumer's signed request is forbidden (403); one signed by a key the validator does
        // not know is unauthenticated (401).
        var client = signedByAProsumer ? validator.SignedAs(alice) : validator.SignedAs(TestPlayer.Named("mallory"));

        var result = await follower.RunAsync(new HttpBlockSource(client, TimeSpan.FromSeconds(2)), ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.False(result.IsSuccess);
        Assert.Equal(FollowerNode.SourceRefused, result.Error.Code);
        Assert.Contains(signedByAProsumer ? "403" : "401", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, follower.Chain.Head.Height);
        Assert.Equal(FollowerNode.SourceRefused, follower.Status.LastError?.Code);
    }

    private static async Task<WebApplication> StartMirrorAsync(ApiNode validator, long forgedHeight)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/api/v1/status", () => Results.Json(new { height = validator.Node.Chain.Head.Height }));
        app.MapGet("/api/v1/blocks/{height:long}/raw", (long height) =>
        {
            var stored = height <= validator.Node.Chain.Head.Height ? validator.Node.Read(s => s.ReadBlock(height)) : null;
            if (stored is null)
            {
                return Results.NotFound();
            }

            if (height == forgedHeight)
            {
                var tx = stored.Transactions[0];
                var bytes = tx.Bytes.ToArray();
                bytes[^1] ^= 0x01;
                stored = stored with { Transactions = stored.Transactions.SetItem(0, tx with { Bytes = bytes }) };
            }

            return Results.Bytes(BlockTransfer.Encode(stored), "application/cbor");
        });
        await app.StartAsync();
        return app;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("flecs-follower-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
