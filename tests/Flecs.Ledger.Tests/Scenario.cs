using Flecs.Crypto.Hashing;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Players;
using Flecs.Testing;
using Flecs.Testing.Chains;

namespace Flecs.Ledger.Tests;

/// <summary>Shared chains and assertions of the ledger tests.</summary>
internal static class Scenario
{
    /// <summary>
    /// A chain whose block 1 registered: <c>tradco</c> (TradCo), <c>aggco</c> (AggCo), <c>genco</c> (GenCo), all
    /// authorized; prosumers <c>pending</c>, <c>suspended</c> and <c>revoked</c> in those statuses; and the
    /// passive, authorized prosumer <c>household</c> represented by <c>tradco</c>.
    /// </summary>
    public static TestChain Market() => A.Chain()
        .WithPlayer("tradco", PlayerRole.TradingCompany)
        .WithPlayer("aggco", PlayerRole.Aggregator)
        .WithPlayer("genco", PlayerRole.GenerationCompany)
        .WithPlayer("pending", PlayerRole.Prosumer, PlayerStatus.Pending)
        .WithPlayer("suspended", PlayerRole.Prosumer, PlayerStatus.Suspended)
        .WithPlayer("revoked", PlayerRole.Prosumer, PlayerStatus.Revoked)
        .WithPassivePlayer("household", representative: "tradco")
        .Build();

    /// <summary>A chain with the genesis validators <c>validator-1</c> and <c>validator-2</c> and the player <c>genco</c>.</summary>
    public static TestChain TwoValidators() => A.Chain()
        .WithGenesis(A.Genesis().WithValidators(2).Build())
        .WithPlayer("genco", PlayerRole.GenerationCompany)
        .Build();

    /// <summary>Asserts that <paramref name="block"/> records <paramref name="bytes"/> alone, rejected with <paramref name="code"/>, and that the state equals <paramref name="before"/>.</summary>
    public static void AssertRejectedWithoutStateChange(TestChain chain, Block block, byte[] bytes, string code, IReadOnlyList<KeyValuePair<string, string>> before)
    {
        Assert.Equal(bytes, Assert.Single(block.Transactions));
        var receipt = Assert.Single(block.Receipts);
        Assert.False(receipt.IsAccepted);
        Assert.Equal(code, receipt.Code);
        Assert.Equal(Sha256Digest.Hash(bytes), receipt.TransactionId);
        var stored = Assert.Single(chain.Store.ReadBlock(block.Header.Height)!.Transactions);
        Assert.Equal(bytes, stored.Bytes);
        Assert.Equal(receipt.Encode(), stored.Receipt);
        Assert.Equal(before, chain.StateSnapshot());
    }

    /// <summary>Asserts that every receipt of <paramref name="block"/> is accepted.</summary>
    public static void AssertAllAccepted(Block block) =>
        Assert.All(block.Receipts, r => Assert.True(r.IsAccepted, $"Rejected with {r.Code}."));

    /// <summary>The receipt codes of a block, "accepted" for an accepted one.</summary>
    public static string[] Codes(Block block) => [.. block.Receipts.Select(r => r.IsAccepted ? "accepted" : r.Code)];
}
