using System.Formats.Cbor;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Flecs.Testing.Builders;

namespace Flecs.Ledger.Tests.Registry;

public sealed class AnchorDocumentExecutorTests
{
    [Fact]
    public void Execute_NewDocument_RecordsOwnerKindAndHeight()
    {
        var chain = Scenario.Market();

        var block = chain.Append(chain.Anchor(chain["genco"], "plan", kind: "plan"));

        Scenario.AssertAllAccepted(block);
        Assert.True(chain.Chain.State.TryGet(AnchorDocumentPayload.StateKey(Payloads.DocumentHash("plan")), out var value));
        var r = new CborReader(value, CborConformanceMode.Canonical);
        Assert.Equal(3, r.ReadStartArray());
        Assert.Equal("genco", r.ReadTextString());
        Assert.Equal("plan", r.ReadTextString());
        Assert.Equal(block.Header.Height, r.ReadInt64());
    }

    [Fact]
    public void Execute_SaAnchors_Accepted()
    {
        var chain = Scenario.Market();

        var block = chain.Append(chain.Anchor(chain.Sa, "market rules"));

        Scenario.AssertAllAccepted(block);
    }

    [Theory]
    [InlineData("genco", "same-block")]
    [InlineData("genco", "later-block")]
    [InlineData("tradco", "same-block")]
    [InlineData("tradco", "later-block")]
    public void Execute_DocumentAnchoredTwice_SecondRejectedAsDocumentExists(string secondSender, string when)
    {
        var chain = Scenario.Market();
        var first = chain.Anchor(chain["genco"], "agreement");
        var second = chain.Anchor(chain[secondSender], "agreement", kind: "copy");

        var block = when == "same-block" ? chain.Append(first, second) : AppendSeparately();

        Assert.Equal(LedgerErrors.DocumentExists, block.Receipts[^1].Code);

        Ledger.Blocks.Block AppendSeparately()
        {
            chain.Append(first);
            var again = chain.Anchor(chain[secondSender], "agreement", kind: "copy");
            return chain.Append(again);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-kind-that-is-longer-than-sixty-four-characters-which-is-the-limit-x")]
    public void Execute_KindOutOfRange_InvalidPayload(string kind)
    {
        var chain = Scenario.Market();
        var tx = chain.Sign(chain["genco"], TransactionType.AnchorDocument, new AnchorDocumentPayload(Payloads.DocumentHash("plan"), kind).Encode());
        var before = chain.StateSnapshot();

        var block = chain.Append(tx);

        Scenario.AssertRejectedWithoutStateChange(chain, block, tx.Bytes, LedgerErrors.InvalidPayload, before);
    }
}
