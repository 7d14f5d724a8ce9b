using Flecs.Core.Identity;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Flecs.Testing;
using Flecs.Testing.Builders;
using Flecs.Testing.Chains;

namespace Flecs.Ledger.Tests.Encoding;

/// <summary>The fixed chain the golden vectors describe, recomputed by the current code.</summary>
/// <remarks>
/// Genesis: <c>A.Genesis().Build()</c> (chain <c>flecs-test</c>, EUR, 2026-01-01T00:00:00Z, 15 min, SA <c>sa</c>
/// with seed 32 × 0x01, <c>validator-1</c> with seed 32 × 0x02, default limits). Block 1, timestamped
/// genesis + 1 s and sealed by validator-1, holds: the SA registering <c>genco</c> (GenCo, active, key seed
/// 32 × 0x10; sequence 1, valid until 1,000), <c>genco</c> anchoring SHA-256("plan") as <c>plan</c> (sequence 1,
/// valid until 1,000; rejected: pending) and the SA authorizing <c>genco</c> (sequence 2, reason "ok").
/// </remarks>
internal static class GoldenVectors
{
    public static GenesisConfig Genesis() => A.Genesis().Build();

    public static TestPlayer Genco() => new(PlayerId.Parse("genco"), TestKeys.FromSeedByte(0x10));

    public static Transaction Register()
    {
        using var sa = TestKeys.FromSeedByte(TestKeys.SupervisingAuthoritySeed);
        var genco = Genco();
        return Transaction.Create("flecs-test", TransactionType.RegisterPlayer, PlayerId.Parse("sa"), 1, 1_000, new RegisterPlayerPayload(genco.Id, PlayerRole.GenerationCompany, PlayerMode.Active, genco.PublicKey, null).Encode(), sa);
    }

    public static Transaction Anchor() =>
        Transaction.Create("flecs-test", TransactionType.AnchorDocument, Genco().Id, 1, 1_000, Payloads.Anchor("plan", "plan"), Genco().Signer);

    public static Transaction Authorize()
    {
        using var sa = TestKeys.FromSeedByte(TestKeys.SupervisingAuthoritySeed);
        return Transaction.Create("flecs-test", TransactionType.AuthorizePlayer, PlayerId.Parse("sa"), 2, 1_000, Payloads.Action(Genco().Id, "ok"), sa);
    }

    public static Block Block1()
    {
        var chain = TestChain.Create(Genesis());
        return chain.Append(Register(), Anchor(), Authorize());
    }

    /// <summary>Every pinned value, by the name it has in the vector file.</summary>
    public static IReadOnlyDictionary<string, string> Compute()
    {
        var genesis = Genesis();
        var block0 = GenesisBlock.Create(genesis);
        var register = Register();
        var block1 = Block1();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["genesis.cbor"] = Hex(genesis.Encode()),
            ["genesis.validator-set-hash"] = ValidatorSet.Hash(genesis.Validators).ToString(),
            ["block0.header"] = Hex(block0.Header.Encode()),
            ["block0.hash"] = block0.Hash.ToString(),
            ["tx.register.body"] = Hex(register.BodyBytes),
            ["tx.register.envelope"] = Hex(register.Bytes),
            ["tx.register.id"] = register.Id.ToString(),
            ["tx.anchor.id"] = Anchor().Id.ToString(),
            ["tx.authorize.id"] = Authorize().Id.ToString(),
            ["block1.receipt.0"] = Hex(block1.Receipts[0].Encode()),
            ["block1.receipt.1"] = Hex(block1.Receipts[1].Encode()),
            ["block1.transactions-root"] = block1.Header.TransactionsRoot.ToString(),
            ["block1.receipts-root"] = block1.Header.ReceiptsRoot.ToString(),
            ["block1.history-root"] = block1.Header.HistoryRoot.ToString(),
            ["block1.header"] = Hex(block1.Header.Encode()),
            ["block1.hash"] = block1.Hash.ToString(),
            ["block1.seal"] = Hex(block1.Seal),
        };
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
