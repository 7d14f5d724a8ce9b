using Flecs.Crypto.Hashing;
using Flecs.Ledger;
using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Node.Sequencing;
using Flecs.Testing;
using Flecs.Testing.Builders;

namespace Flecs.Node.Tests.Sequencing;

// Admission refuses what can never be valid in any block (oversized, malformed, another chain) with the
// same code the state machine would record; everything else is ordered and gets a receipt.
public sealed partial class EmbeddedNodeTests
{
    public static TheoryData<string> MalformedKinds => MalformedEnvelopes.AsTheoryData();

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(MalformedKinds))]
    public async Task SubmitAsync_MalformedEnvelope_RefusedAtAdmissionWithMalformed(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var bytes = MalformedEnvelopes.Make(kind, _dir.Sa);
        await using var node = _dir.OpenNode();

        var submission = await node.SubmitAsync(bytes, ct);

        AssertRefused(node, submission, bytes, LedgerErrors.Malformed);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("oversized", LedgerErrors.Oversized)]
    [InlineData("wrong-chain", LedgerErrors.WrongChain)]
    public async Task SubmitAsync_NeverValidEnvelope_RefusedAtAdmissionWithTheStateMachineCode(string kind, string code)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = _dir.OpenNode();
        var sa = _dir.Sa;
        var bytes = kind == "oversized"
            ? Transaction.Create(_dir.Genesis.ChainId, TransactionType.AnchorDocument, sa.Id, 1, 100, new byte[_dir.Genesis.Limits.MaxTransactionBytes], sa.Signer).Bytes
            : Transaction.Create("other-chain", TransactionType.AnchorDocument, sa.Id, 1, 100, Payloads.Anchor("plan"), sa.Signer).Bytes;

        var submission = await node.SubmitAsync(bytes, ct);

        AssertRefused(node, submission, bytes, code);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("bad-signature", LedgerErrors.BadSignature)]
    [InlineData("unknown-sender", LedgerErrors.UnknownSender)]
    [InlineData("wrong-sequence", LedgerErrors.WrongSequence)]
    [InlineData("expired", LedgerErrors.Expired)]
    [InlineData("unknown-type", LedgerErrors.UnknownType)]
    public async Task SubmitAsync_InvalidAtThisHeight_OrderedAndRecordedAsRejected(string kind, string code)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = _dir.OpenNode();
        var sa = _dir.Sa;
        var chain = _dir.Genesis.ChainId;
        var anchor = Payloads.Anchor("plan");
        var bytes = kind switch
        {
            "bad-signature" => Transaction.Create(chain, TransactionType.AnchorDocument, sa.Id, 1, 100, anchor, TestKeys.ForName("mallory")).Bytes,
            "unknown-sender" => A.Transaction().From(TestPlayer.Named("ghost")).Build().Bytes,
            "wrong-sequence" => Transaction.Create(chain, TransactionType.AnchorDocument, sa.Id, 5, 100, anchor, sa.Signer).Bytes,
            "expired" => Transaction.Create(chain, TransactionType.AnchorDocument, sa.Id, 1, 0, anchor, sa.Signer).Bytes,
            "unknown-type" => Transaction.Create(chain, new TransactionType(999), sa.Id, 1, 100, anchor, sa.Signer).Bytes,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind."),
        };

        var submission = await node.SubmitAsync(bytes, ct);

        Assert.Null(submission.AdmissionError);
        Assert.Equal(code, submission.RejectionCode);
        Assert.Equal(node.Chain.Head.Height, submission.Height);
        Assert.Equal(bytes, node.Read(store => store.ReadBlock(submission.Height)!.Transactions[submission.Position].Bytes));
    }

    [Fact(Timeout = Timeout)]
    public async Task SubmitAsync_SameTransactionAfterItWasAccepted_RecordedAsDuplicate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = _dir.OpenNode();
        var sa = _dir.Sa;
        var tx = new LedgerClient(node).Sign(sa.Id, sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor("plan"));
        var first = await node.SubmitAsync(tx.Bytes, ct);

        var replay = await node.SubmitAsync(tx.Bytes, ct);

        Assert.True(first.IsAccepted, first.RejectionCode);
        Assert.Equal(LedgerErrors.Duplicate, replay.RejectionCode);
        Assert.True(replay.Height > first.Height);
    }

    private static void AssertRefused(EmbeddedNode node, Submission submission, byte[] bytes, string code)
    {
        Assert.Equal(code, submission.AdmissionError?.Code);
        Assert.Equal(code, submission.RejectionCode);
        Assert.Null(submission.Receipt);
        Assert.Equal((-1L, -1), (submission.Height, submission.Position));
        Assert.Equal(Sha256Digest.Hash(bytes), submission.TransactionId);
        Assert.Equal(0, node.Chain.Head.Height);
        Assert.Null(node.Read(store => store.FindTransaction(submission.TransactionId)));
    }
}
