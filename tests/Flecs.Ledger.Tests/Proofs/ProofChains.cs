using Flecs.Core.Identity;
using Flecs.Ledger.Transactions;
using Flecs.Testing;
using Flecs.Testing.Chains;

namespace Flecs.Ledger.Tests.Proofs;

/// <summary>Chains to build proofs from.</summary>
internal static class ProofChains
{
    public static TestPlayer Validator9 { get; } = new(PlayerId.Parse("validator-9"), TestKeys.Validator(9));

    /// <summary>
    /// <see cref="Scenario.Market"/> plus: block 2 = genco anchors "a" (accepted), a forgery (rejected), tradco anchors "t";
    /// block 3 = genco anchors "b"; block 4 = tradco anchors "u". Head 4.
    /// </summary>
    public static (TestChain Chain, Transaction Accepted, Transaction Rejected, Transaction InHead) FourBlocks()
    {
        var chain = Scenario.Market();
        var genco = chain["genco"];
        var tradco = chain["tradco"];
        var accepted = chain.Anchor(genco, "a");
        var rejected = chain.Anchor(genco.WithKey("mallory"), "forged");
        chain.Append(accepted, rejected, chain.Anchor(tradco, "t"));
        chain.Append(chain.Anchor(genco, "b"));
        var inHead = chain.Anchor(tradco, "u");
        chain.Append(inHead);
        return (chain, accepted, rejected, inHead);
    }

    /// <summary>
    /// <see cref="Scenario.Market"/> plus: block 2 adds <c>validator-9</c>; blocks 3 and 4, sealed by
    /// <c>validator-9</c>, anchor documents. Returns the transaction of block 4.
    /// </summary>
    public static (TestChain Chain, Transaction InHead) SealedByAddedValidator()
    {
        var chain = Scenario.Market();
        chain.Append(chain.AddValidator(Validator9.Id, Validator9.PublicKey));
        chain.Sealer = Validator9;
        chain.Append(chain.Anchor(chain["genco"], "a"));
        var inHead = chain.Anchor(chain["genco"], "b");
        chain.Append(inHead);
        return (chain, inHead);
    }
}
