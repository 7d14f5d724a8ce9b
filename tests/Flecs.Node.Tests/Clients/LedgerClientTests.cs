using Flecs.Ledger;
using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Testing.Builders;
using Flecs.Testing.Hosting;

namespace Flecs.Node.Tests.Clients;

[Trait("Category", "Integration")]
public sealed class LedgerClientTests : IDisposable
{
    private readonly TempDataDirectory _dir = TempDataDirectory.Create();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Sign_SeveralBeforeAnyCommits_ConsecutiveSequencesValidForDefaultBlocks()
    {
        await using var node = _dir.OpenNode();
        var client = new LedgerClient(node);
        var sa = _dir.Sa;

        var signed = Enumerable.Range(0, 3).Select(i => client.Sign(sa.Id, sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor($"doc {i}"))).ToList();

        Assert.Equal([1L, 2L, 3L], signed.Select(t => t.Sequence));
        Assert.All(signed, t => Assert.Equal(LedgerClient.DefaultValidityBlocks, t.ValidUntilHeight));
        Assert.All(signed, t => Assert.Equal(_dir.Genesis.ChainId, t.ChainId));
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_AfterARejection_NextTransactionUsesTheCommittedSequence()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = _dir.OpenNode();
        var client = new LedgerClient(node);
        var sa = _dir.Sa;
        var first = await client.AnchorAsync(sa.Id, sa.Signer, Payloads.DocumentHash("plan"), "plan", ct);
        var again = await client.AnchorAsync(sa.Id, sa.Signer, Payloads.DocumentHash("plan"), "plan", ct);

        var afterRejection = await client.AnchorAsync(sa.Id, sa.Signer, Payloads.DocumentHash("other"), "plan", ct);

        Assert.True(first.IsAccepted);
        Assert.Equal(LedgerErrors.DocumentExists, again.RejectionCode);
        Assert.True(afterRejection.IsAccepted, afterRejection.RejectionCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_NewClientOverAnExistingChain_ContinuesFromTheCommittedSequence()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = _dir.OpenNode();
        var sa = _dir.Sa;
        await new LedgerClient(node).AnchorAsync(sa.Id, sa.Signer, Payloads.DocumentHash("plan"), "plan", ct);

        var tx = new LedgerClient(node).Sign(sa.Id, sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor("next"));

        Assert.Equal(2, tx.Sequence);
        Assert.Equal(node.Chain.Head.Height + LedgerClient.DefaultValidityBlocks, tx.ValidUntilHeight);
    }
}
