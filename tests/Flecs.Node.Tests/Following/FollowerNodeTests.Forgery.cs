using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Storage;
using Flecs.Node.Following;

namespace Flecs.Node.Tests.Following;

public sealed partial class FollowerNodeTests
{
    /// <summary>How the source alters the validator's last block (the contract execution: one accepted transaction with an output).</summary>
    public enum Forgery
    {
        /// <summary>An envelope byte flipped; its id and its receipt's id recomputed to match.</summary>
        TransactionBytes,

        /// <summary>The accepted receipt replaced by a rejection.</summary>
        ReceiptFlipped,

        /// <summary>The genuine header sealed by a key that is no validator's.</summary>
        SealByStranger,

        /// <summary>The header names another parent, re-sealed with the validator's key.</summary>
        PreviousHash,

        /// <summary>The header claims another receipts root, re-sealed with the validator's key.</summary>
        ReceiptsRoot,

        /// <summary>The compromised validator: a changed receipt, a header whose receipts root matches it, sealed with the validator's own key.</summary>
        CompromisedValidator,
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Forgery.TransactionBytes, LedgerErrors.BlockBadHeader)]
    [InlineData(Forgery.ReceiptFlipped, LedgerErrors.BlockBadHeader)]
    [InlineData(Forgery.SealByStranger, LedgerErrors.BlockBadSeal)]
    [InlineData(Forgery.PreviousHash, LedgerErrors.BlockBadParent)]
    [InlineData(Forgery.ReceiptsRoot, LedgerErrors.BlockBadHeader)]
    [InlineData(Forgery.CompromisedValidator, LedgerErrors.ReceiptMismatch)]
    public async Task RunAsync_ForgedBlock_RefusedWithForgedBlockAndNothingWritten(Forgery forgery, string check)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = fixture.Dir.OpenStore();
        var height = fixture.HeadHeight;
        var source = TestBlockSource.Of(store);
        source.Limit = height - 1;
        using var followerDir = TempFollowerDirectory.Of(fixture.Dir);
        await using var follower = followerDir.Open();
        await FollowToAsync(follower, source, height - 1, ct);
        var before = Snapshot(follower);
        source.Forge(Forge(store.ReadBlock(height)!, forgery));
        source.Limit = null;

        var result = await follower.RunAsync(source, ct);

        Assert.Equal(FollowerNode.ForgedBlock, result.Error?.Code);
        Assert.Equal("node.follow.forged-block", result.Error?.Code);
        Assert.StartsWith($"Block {height} from the source is refused: {check}: ", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(follower));
        Assert.Null(follower.Read(s => s.ReadBlock(height)));
        Assert.Equal(result.Error, follower.Status.LastError);
        Assert.Equal(height - 1, follower.Status.HeadHeight);
        var report = Verify(follower);
        Assert.True(report.IsValid, report.Error?.ToString());
        Assert.Equal(height - 1, report.HeadHeight);
    }

    [Fact(Timeout = Timeout)]
    public async Task RunAsync_AfterAForgedBlock_TheGenuineBlockIsStillAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = fixture.Dir.OpenStore();
        var height = fixture.HeadHeight;
        var source = TestBlockSource.Of(store);
        source.Forge(Forge(store.ReadBlock(height)!, Forgery.CompromisedValidator));
        using var followerDir = TempFollowerDirectory.Of(fixture.Dir);
        await using var follower = followerDir.Open();
        var refused = await follower.RunAsync(source, ct);

        await FollowToAsync(follower, TestBlockSource.Of(store), height, ct);

        Assert.Equal(FollowerNode.ForgedBlock, refused.Error?.Code);
        Assert.Equal(store.ReadBlock(height)!.Hash, follower.Chain.HeadHash);
    }

    private StoredBlock Forge(StoredBlock genuine, Forgery forgery)
    {
        var header = BlockHeader.Decode(genuine.Header).Value;
        var last = genuine.Transactions.Length - 1;
        var tx = genuine.Transactions[last];
        var receipt = Receipt.Decode(tx.Receipt).Value;
        Assert.True(receipt.IsAccepted);
        var validator = fixture.Dir.Key(header.SealerId).Signer;
        switch (forgery)
        {
            case Forgery.TransactionBytes:
                var bytes = (byte[])tx.Bytes.Clone();
                bytes[^1] ^= 0x01;
                var id = Sha256Digest.Hash(bytes);
                return WithTransaction(genuine, last, new StoredTransaction(id, bytes, (receipt with { TransactionId = id }).Encode()));
            case Forgery.ReceiptFlipped:
                return WithTransaction(genuine, last, tx with { Receipt = Receipt.Rejected(tx.Id, LedgerErrors.BadSignature).Encode() });
            case Forgery.SealByStranger:
                using (var stranger = Ed25519Signer.Generate())
                {
                    return genuine with { Seal = BlockSeal.Create(stranger, genuine.Hash) };
                }

            case Forgery.PreviousHash:
                return Reseal(genuine, header with { PreviousHash = Sha256Digest.Hash("another parent"u8) }, validator);
            case Forgery.ReceiptsRoot:
                return Reseal(genuine, header with { ReceiptsRoot = Sha256Digest.Hash("another root"u8) }, validator);
            case Forgery.CompromisedValidator:
                var changed = WithTransaction(genuine, last, tx with { Receipt = Receipt.Rejected(tx.Id, LedgerErrors.BadSignature).Encode() });
                return Reseal(changed, header with { ReceiptsRoot = Chain.RootOf(changed.Transactions.Select(t => t.Receipt)) }, validator);
            default:
                throw new ArgumentOutOfRangeException(nameof(forgery), forgery, null);
        }
    }

    private static StoredBlock WithTransaction(StoredBlock block, int position, StoredTransaction tx) =>
        block with { Transactions = block.Transactions.SetItem(position, tx) };

    private static StoredBlock Reseal(StoredBlock block, BlockHeader header, ISigner validator)
    {
        var hash = header.Hash();
        return block with { Hash = hash, Header = header.Encode(), Seal = BlockSeal.Create(validator, hash) };
    }

    private static string Snapshot(FollowerNode follower) =>
        $"{follower.Chain.Head.Height} {follower.Chain.HeadHash} {follower.Read(s => s.HeadHeight)} {follower.Read(s => s.Count())} "
        + string.Join(' ', Hex(follower.Read(s => s.ReadState()))) + " / " + string.Join(' ', Hex(follower.Chain.State.Snapshot()));
}
