using Flecs.Core.Identity;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Ledger.Storage;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Testing;
using Flecs.Testing.Builders;
using Flecs.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Flecs.Node.Tests.Sequencing;

[Trait("Category", "Integration")]
public sealed partial class EmbeddedNodeTests : IDisposable
{
    private const int Timeout = 60_000;

    private readonly TempDataDirectory _dir = TempDataDirectory.Create();

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = Timeout)]
    public async Task SubmitAsync_ConcurrentSendersEachInOrder_AllAcceptedInBlocksCutByCount()
    {
        var ct = TestContext.Current.CancellationToken;
        const int Senders = 5;
        const int PerSender = 14;
        const int BlockSize = 7;
        var players = Enumerable.Range(1, Senders).Select(i => TestPlayer.Named($"sender-{i}")).ToArray();
        await OnboardAsync(players, ct);
        await using var node = _dir.OpenNode(new FakeTimeProvider(TempDataDirectory.GenesisTime.AddDays(1)), maxBlockTransactions: BlockSize);
        var client = new LedgerClient(node);
        var headBefore = node.Chain.Head.Height;

        var perSender = await Task.WhenAll(players.Select(p => Task.Run(() => SendInOrderAsync(node, client, p, PerSender, ct), ct)));

        var submissions = perSender.SelectMany(s => s).ToList();
        Assert.All(submissions, s => Assert.True(s.IsAccepted, $"{s.TransactionId}: {s.RejectionCode}"));
        var blocks = Senders * PerSender / BlockSize;
        Assert.Equal(Enumerable.Range(1, blocks).Select(i => headBefore + i), submissions.Select(s => s.Height).Distinct().Order());
        Assert.Equal(headBefore + blocks, node.Chain.Head.Height);
        node.Read(store =>
        {
            for (var h = headBefore + 1; h <= headBefore + blocks; h++)
            {
                Assert.Equal(BlockSize, store.ReadBlock(h)!.Transactions.Length);
            }

            Assert.All(submissions, s => Assert.Equal(s.TransactionId, store.ReadBlock(s.Height)!.Transactions[s.Position].Id));
            return 0;
        });
        Assert.All(players, p => Assert.Equal(PerSender, node.Chain.State.TryGet(PlayerRecord.StateKey(p.Id), out var b) ? PlayerRecord.Decode(b).Sequence : -1));
        Assert.All(perSender, s => Assert.Equal(s.Select(x => (x.Height, x.Position)).Order(), s.Select(x => (x.Height, x.Position))));
    }

    [Fact(Timeout = Timeout)]
    public async Task Open_AfterCompactionsWhileRunning_ResumesWithTheSameStateAndIndexAndTheChainVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        var genco = TestPlayer.Named("genco");
        await OnboardAsync([genco], ct);
        var options = new NodeOptions { DataDirectory = _dir.Root, MaxBlockDelay = TempDataDirectory.DefaultBlockDelay, StateSnapshotAfterLogBytes = 1, IndexAfterTransactions = 5 };
        IReadOnlyList<KeyValuePair<string, string>> state;
        var anchors = new List<Submission>();
        await using (var node = EmbeddedNode.Open(options, TimeProvider.System).Value)
        {
            for (var i = 0; i < 12; i++)
            {
                var anchored = await new LedgerClient(node).AnchorAsync(genco.Id, genco.Signer, Payloads.DocumentHash($"plan {i}"), "plan", ct);
                Assert.True(anchored.IsAccepted, anchored.RejectionCode);
                anchors.Add(anchored);
            }

            state = Snapshot(node);
            Assert.All(anchors, a => Assert.Equal(new TransactionLocation(a.Height, a.Position, true), node.Read(s => s.FindTransaction(a.TransactionId))));
        }

        using (var store = _dir.OpenStore())
        {
            var (snapshotHeight, _) = store.ReadStateSnapshot();
            Assert.InRange(snapshotHeight, 1, store.HeadHeight);
            Assert.True(Flecs.Ledger.Verification.LedgerVerifier.Verify(store, new Flecs.Crypto.Signatures.Ed25519SignatureVerifier(), StandardModules.Executors()).IsValid);
        }

        await using var reopened = _dir.OpenNode();
        Assert.Equal(state, Snapshot(reopened));
        Assert.All(anchors, a => Assert.Equal(new TransactionLocation(a.Height, a.Position, true), reopened.Read(s => s.FindTransaction(a.TransactionId))));
    }

    [Fact(Timeout = Timeout)]
    public async Task Open_AfterDispose_ResumesAtTheSameHeadAndState()
    {
        var ct = TestContext.Current.CancellationToken;
        var genco = TestPlayer.Named("genco");
        await OnboardAsync([genco], ct);
        long height;
        Hash256 hash;
        IReadOnlyList<KeyValuePair<string, string>> state;
        await using (var node = _dir.OpenNode())
        {
            var anchored = await new LedgerClient(node).AnchorAsync(genco.Id, genco.Signer, Payloads.DocumentHash("plan"), "plan", ct);
            Assert.True(anchored.IsAccepted, anchored.RejectionCode);
            (height, hash, state) = (node.Chain.Head.Height, node.Chain.HeadHash, Snapshot(node));
        }

        await using var reopened = _dir.OpenNode();
        var (reopenedHeight, reopenedHash, reopenedState) = (reopened.Chain.Head.Height, reopened.Chain.HeadHash, Snapshot(reopened));
        var next = await new LedgerClient(reopened).AnchorAsync(genco.Id, genco.Signer, Payloads.DocumentHash("next"), "plan", ct);

        Assert.Equal((height, hash), (reopenedHeight, reopenedHash));
        Assert.Equal(state, reopenedState);
        Assert.Equal(height + 1, reopened.Chain.BlockCount - 1);
        Assert.True(next.IsAccepted, next.RejectionCode);
        Assert.Equal(height + 1, next.Height);
        Assert.Equal(hash, reopened.Chain.Head.PreviousHash);
    }

    [Fact]
    public async Task Open_DirectoryAlreadyOpen_FailsWithLocked()
    {
        await using var first = _dir.OpenNode();

        var second = _dir.TryOpenNode();

        Assert.False(second.IsSuccess);
        Assert.Equal(EmbeddedNode.Locked, second.Error.Code);
        Assert.Equal("node.data.locked", second.Error.Code);
    }

    [Fact]
    public async Task Open_AfterTheFirstNodeIsDisposed_Succeeds()
    {
        var first = _dir.OpenNode();
        Assert.False(_dir.TryOpenNode().IsSuccess);
        await first.DisposeAsync();

        var second = _dir.TryOpenNode();

        Assert.True(second.IsSuccess, second.Error?.ToString());
        await second.Value.DisposeAsync();
    }

    [Fact]
    public void Open_DirectoryNotInitialized_NotInitialized()
    {
        var empty = Path.Combine(_dir.Root, "empty");
        Directory.CreateDirectory(empty);

        var node = EmbeddedNode.Open(new NodeOptions { DataDirectory = empty }, TimeProvider.System);

        Assert.Equal(DataDirectory.NotInitialized, node.Error?.Code);
    }

    [Fact]
    public void Open_ValidatorWithoutKeyFile_NoValidatorKey()
    {
        var node = _dir.TryOpenNode(validatorId: "validator-7");

        Assert.Equal(EmbeddedNode.NoValidatorKey, node.Error?.Code);
    }

    [Fact(Timeout = Timeout)]
    public async Task SubmitAsync_NodeValidatorRemoved_LaterSubmissionsFailWithNotValidator()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = TempDataDirectory.Create(validatorCount: 2);
        var sa = dir.Sa;
        await using var node = dir.OpenNode(validatorId: "validator-2");
        var client = new LedgerClient(node);
        var removal = await client.ActOnAsync(sa.Id, sa.Signer, TransactionType.RemoveValidator, PlayerId.Parse("validator-2"), "retired", ct);

        var after = await client.SendAsync(sa.Id, sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor("after"), ct);

        Assert.True(removal.IsAccepted, removal.RejectionCode);
        Assert.Equal(EmbeddedNode.NotValidator, after.RejectionCode);
        Assert.Equal(-1, after.Height);
    }

    /// <summary>A delay overrun by exactly 1 ms is −1 ms, the value that means "wait forever" to a wait: it must still cut the block.</summary>
    [Fact(Timeout = Timeout)]
    public async Task Submit_ClockPassesTheDelayByExactlyOneMillisecond_CutsTheBlock()
    {
        var ct = TestContext.Current.CancellationToken;
        var delay = TimeSpan.FromMilliseconds(20);
        var clock = new FakeTimeProvider(TempDataDirectory.GenesisTime.AddDays(1));
        await using var node = _dir.OpenNode(clock, maxBlockTransactions: 100, maxBlockDelay: delay);
        var sa = _dir.Sa;
        var pending = new LedgerClient(node).SendAsync(sa.Id, sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor("one millisecond late"), ct);

        clock.Advance(delay + TimeSpan.FromMilliseconds(1));
        var submission = await pending.WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.True(submission.IsAccepted, submission.RejectionCode);
    }

    [Fact(Timeout = Timeout)]
    public async Task DisposeAsync_TransactionsQueued_SealsThemBeforeClosing()
    {
        var ct = TestContext.Current.CancellationToken;
        var sa = _dir.Sa;
        var node = _dir.OpenNode(new FakeTimeProvider(TempDataDirectory.GenesisTime), maxBlockTransactions: 100);
        var client = new LedgerClient(node);
        var pending = Enumerable.Range(0, 3).Select(i => client.SendAsync(sa.Id, sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor($"doc {i}"), ct)).ToList();
        Assert.All(pending, p => Assert.False(p.IsCompleted));

        await node.DisposeAsync();

        var submissions = await Task.WhenAll(pending);
        Assert.All(submissions, s => Assert.True(s.IsAccepted, s.RejectionCode));
        Assert.Equal(1, submissions.Select(s => s.Height).Distinct().Single());
    }

    [Fact(Timeout = Timeout)]
    public async Task SubmitAsync_AfterDispose_FailsWithStopping()
    {
        var ct = TestContext.Current.CancellationToken;
        var sa = _dir.Sa;
        var node = _dir.OpenNode();
        var client = new LedgerClient(node);
        var tx = client.Sign(sa.Id, sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor("late"));
        await node.DisposeAsync();

        var submission = await node.SubmitAsync(tx.Bytes, ct);

        Assert.Equal(EmbeddedNode.Stopping, submission.RejectionCode);
    }

    private static async Task<List<Submission>> SendInOrderAsync(EmbeddedNode node, LedgerClient client, TestPlayer sender, int count, CancellationToken ct)
    {
        // Submitted one after the other from this task: admission is synchronous, so the node queues them in sequence order.
        var tasks = new List<Task<Submission>>(count);
        for (var i = 0; i < count; i++)
        {
            var tx = client.Sign(sender.Id, sender.Signer, TransactionType.AnchorDocument, Payloads.Anchor($"{sender.Id} document {i}"));
            tasks.Add(node.SubmitAsync(tx.Bytes, ct));
        }

        return [.. await Task.WhenAll(tasks)];
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Snapshot(EmbeddedNode node) =>
        [.. node.Chain.State.Snapshot().Select(e => new KeyValuePair<string, string>(e.Key, Convert.ToHexString(e.Value)))];

    /// <summary>Registers and authorizes <paramref name="players"/> as GenCos through a node on the system clock, then closes it.</summary>
    private async Task OnboardAsync(IReadOnlyList<TestPlayer> players, CancellationToken ct)
    {
        var sa = _dir.Sa;
        await using var node = _dir.OpenNode();
        var client = new LedgerClient(node);
        var sends = new List<Task<Submission>>();
        foreach (var p in players)
        {
            sends.Add(client.RegisterActiveAsync(sa.Id, sa.Signer, p.Id, PlayerRole.GenerationCompany, p.PublicKey, ct));
            sends.Add(client.ActOnAsync(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, p.Id, "onboarding", ct));
        }

        var results = await Task.WhenAll(sends);
        Assert.All(results, r => Assert.True(r.IsAccepted, r.RejectionCode));
    }
}
