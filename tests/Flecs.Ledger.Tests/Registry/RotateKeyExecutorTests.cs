using Flecs.Ledger.Players;

namespace Flecs.Ledger.Tests.Registry;

public sealed class RotateKeyExecutorTests
{
    [Fact]
    public void Execute_SaRotatesKey_OldKeyRejectedNewKeyAccepted()
    {
        var chain = Scenario.Market();
        var oldKey = chain["genco"];
        var newKey = oldKey.WithKey("genco-2");
        Scenario.AssertAllAccepted(chain.Append(chain.RotateKey(oldKey.Id, newKey.PublicKey)));

        var withOld = chain.Append(chain.Anchor(oldKey, "plan"));
        var withNew = chain.Append(chain.Anchor(newKey, "plan"));

        Assert.Equal([LedgerErrors.BadSignature], Scenario.Codes(withOld));
        Assert.Equal(["accepted"], Scenario.Codes(withNew));
        Assert.Equal(newKey.PublicKey, chain.FindPlayer(oldKey.Id)!.PublicKey);
    }

    [Theory]
    [InlineData("genco-2", "accepted")]
    [InlineData("genco", LedgerErrors.BadSignature)]
    public void Execute_RotateThenUseInTheSameBlock_OnlyTheNewKeySigns(string signingKey, string expected)
    {
        var chain = Scenario.Market();
        var genco = chain["genco"];
        var rotate = chain.RotateKey(genco.Id, genco.WithKey("genco-2").PublicKey);
        var use = chain.Anchor(genco.WithKey(signingKey), "plan");

        var block = chain.Append(rotate, use);

        Assert.Equal(["accepted", expected], Scenario.Codes(block));
    }

    [Fact]
    public void Execute_UseThenRotateInTheSameBlock_OldKeyStillSignsBeforeTheRotation()
    {
        var chain = Scenario.Market();
        var genco = chain["genco"];

        var block = chain.Append(chain.Anchor(genco, "plan"), chain.RotateKey(genco.Id, genco.WithKey("genco-2").PublicKey));

        Scenario.AssertAllAccepted(block);
    }

    [Theory]
    [InlineData("ghost", LedgerErrors.PlayerNotFound)]
    [InlineData("household", LedgerErrors.InvalidTransition)]
    [InlineData("revoked", LedgerErrors.InvalidTransition)]
    [InlineData("sa", LedgerErrors.InvalidTransition)]
    public void Execute_NoKeyToRotate_Rejected(string player, string code)
    {
        var chain = Scenario.Market();
        var tx = chain.RotateKey(chain[player].Id, chain[player].WithKey("new").PublicKey);
        var before = chain.StateSnapshot();

        var block = chain.Append(tx);

        Scenario.AssertRejectedWithoutStateChange(chain, block, tx.Bytes, code, before);
    }

    [Fact]
    public void Execute_SuspendedPlayer_KeyRotatedAndStatusKept()
    {
        var chain = Scenario.Market();
        var suspended = chain["suspended"];

        var block = chain.Append(chain.RotateKey(suspended.Id, suspended.WithKey("new").PublicKey));

        Scenario.AssertAllAccepted(block);
        Assert.Equal(PlayerStatus.Suspended, chain.FindPlayer(suspended.Id)!.Status);
    }
}
