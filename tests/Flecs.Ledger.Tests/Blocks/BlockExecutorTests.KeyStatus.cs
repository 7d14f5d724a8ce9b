using Flecs.Ledger.Players;

namespace Flecs.Ledger.Tests.Blocks;

// A key's status is evaluated at the block height of the transaction that uses it.
public sealed partial class BlockExecutorTests
{
    [Fact]
    public void Execute_SenderSuspendedInEarlierBlock_RejectedUntilReauthorized()
    {
        var chain = Scenario.Market();
        var genco = chain["genco"];
        Scenario.AssertAllAccepted(chain.Append(chain.Suspend(genco.Id)));

        var whileSuspended = chain.Append(chain.Anchor(genco, "plan"));
        Scenario.AssertAllAccepted(chain.Append(chain.Authorize(genco.Id)));
        var afterReauthorization = chain.Append(chain.Anchor(genco, "plan"));

        Assert.Equal([LedgerErrors.SuspendedSender], Scenario.Codes(whileSuspended));
        Assert.Equal(["accepted"], Scenario.Codes(afterReauthorization));
    }

    [Fact]
    public void Execute_TransactionSignedBeforeSuspension_RejectedInTheBlockAfterIt()
    {
        var chain = Scenario.Market();
        var genco = chain["genco"];
        var signedWhileAuthorized = chain.Anchor(genco, "plan");
        chain.Append(chain.Suspend(genco.Id));

        var block = chain.Append(signedWhileAuthorized);

        Assert.Equal([LedgerErrors.SuspendedSender], Scenario.Codes(block));
    }

    [Theory]
    [InlineData("suspend", "player-first", "accepted")]
    [InlineData("suspend", "sa-first", LedgerErrors.SuspendedSender)]
    [InlineData("revoke", "player-first", "accepted")]
    [InlineData("revoke", "sa-first", LedgerErrors.RevokedSender)]
    public void Execute_StatusChangeInTheSameBlock_OrderDecides(string action, string order, string expected)
    {
        var chain = Scenario.Market();
        var genco = chain["genco"];
        var playerTx = chain.Anchor(genco, "plan");
        var saTx = action == "suspend" ? chain.Suspend(genco.Id) : chain.Revoke(genco.Id);

        var block = order == "player-first" ? chain.Append(playerTx, saTx) : chain.Append(saTx, playerTx);

        var playerReceipt = block.Receipts.Single(r => r.TransactionId == playerTx.Id);
        Assert.Equal(expected, playerReceipt.IsAccepted ? "accepted" : playerReceipt.Code);
        Assert.True(block.Receipts.Single(r => r.TransactionId == saTx.Id).IsAccepted);
    }

    [Fact]
    public void Execute_SuspendThenReauthorizeInOneBlock_EachPlayerTransactionSeesTheStatusAtItsPosition()
    {
        var chain = Scenario.Market();
        var genco = chain["genco"];
        var first = chain.Anchor(genco, "one");
        var suspend = chain.Suspend(genco.Id);
        var rejected = chain.Anchor(genco, "two");
        var authorize = chain.Authorize(genco.Id);

        // The same bytes again: not a replay, since the first copy was rejected.
        var block = chain.Append(first, suspend, rejected, authorize, rejected);

        Assert.Equal(["accepted", "accepted", LedgerErrors.SuspendedSender, "accepted", "accepted"], Scenario.Codes(block));
        Assert.Equal(PlayerStatus.Authorized, chain.FindPlayer(genco.Id)!.Status);
    }

    [Fact]
    public void Execute_PendingPlayerAuthorizedEarlierInTheBlock_Accepted()
    {
        var chain = Scenario.Market();
        var pending = chain["pending"];

        var before = chain.Anchor(pending, "before");
        var after = chain.Sign(pending, before.Type, before.Payload, sequence: before.Sequence, validUntilHeight: before.ValidUntilHeight + 1);

        var block = chain.Append(before, chain.Authorize(pending.Id), after);

        Assert.Equal([LedgerErrors.PendingSender, "accepted", "accepted"], Scenario.Codes(block));
    }
}
