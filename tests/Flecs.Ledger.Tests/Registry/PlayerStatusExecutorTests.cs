using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Testing.Builders;

namespace Flecs.Ledger.Tests.Registry;

public sealed class PlayerStatusExecutorTests
{
    // Pending → Authorized ⇄ Suspended; any non-revoked status → Revoked, which is final.
    [Theory]
    [InlineData("pending", "authorize-player", PlayerStatus.Authorized)]
    [InlineData("suspended", "authorize-player", PlayerStatus.Authorized)]
    [InlineData("genco", "suspend-player", PlayerStatus.Suspended)]
    [InlineData("pending", "suspend-player", PlayerStatus.Suspended)]
    [InlineData("genco", "revoke-player", PlayerStatus.Revoked)]
    [InlineData("pending", "revoke-player", PlayerStatus.Revoked)]
    [InlineData("suspended", "revoke-player", PlayerStatus.Revoked)]
    [InlineData("household", "suspend-player", PlayerStatus.Suspended)]
    public void Execute_AllowedTransition_AcceptedAndStatusChanged(string player, string operation, PlayerStatus expected)
    {
        var chain = Scenario.Market();
        var id = chain[player].Id;
        var sequenceBefore = chain.FindPlayer(id)!.Sequence;

        var block = chain.Append(chain.Sign(chain.Sa, TypeOf(operation), Payloads.Action(id, "by the book")));

        Scenario.AssertAllAccepted(block);
        var record = chain.FindPlayer(id)!;
        Assert.Equal(expected, record.Status);
        Assert.Equal(sequenceBefore, record.Sequence);
    }

    [Theory]
    [InlineData("genco", "authorize-player")]
    [InlineData("revoked", "authorize-player")]
    [InlineData("suspended", "suspend-player")]
    [InlineData("revoked", "suspend-player")]
    [InlineData("revoked", "revoke-player")]
    [InlineData("sa", "suspend-player")]
    [InlineData("sa", "revoke-player")]
    [InlineData("sa", "authorize-player")]
    public void Execute_TransitionNotAllowed_RejectedAsInvalidTransition(string player, string operation)
    {
        var chain = Scenario.Market();
        var tx = chain.Sign(chain.Sa, TypeOf(operation), Payloads.Action(chain[player].Id));
        var before = chain.StateSnapshot();

        var block = chain.Append(tx);

        Scenario.AssertRejectedWithoutStateChange(chain, block, tx.Bytes, LedgerErrors.InvalidTransition, before);
    }

    [Fact]
    public void Execute_ReasonLongerThan256Characters_InvalidPayload()
    {
        var chain = Scenario.Market();
        var tx = chain.Sign(chain.Sa, TransactionType.SuspendPlayer, Payloads.Action(chain["genco"].Id, new string('x', 257)));
        var before = chain.StateSnapshot();

        var block = chain.Append(tx);

        Scenario.AssertRejectedWithoutStateChange(chain, block, tx.Bytes, LedgerErrors.InvalidPayload, before);
    }

    private static TransactionType TypeOf(string operation) => operation switch
    {
        "authorize-player" => TransactionType.AuthorizePlayer,
        "suspend-player" => TransactionType.SuspendPlayer,
        "revoke-player" => TransactionType.RevokePlayer,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown operation."),
    };
}
