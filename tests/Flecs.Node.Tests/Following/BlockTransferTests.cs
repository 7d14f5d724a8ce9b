using Flecs.Core.Identity;
using Flecs.Crypto.Hashing;
using Flecs.Ledger;
using Flecs.Ledger.Storage;

namespace Flecs.Node.Tests.Following;

// The golden vector is docs/formats/block-transfer.md's example. Changing it requires a format-version bump and an ADR
// (STYLE.md §7), never an edited expectation. Its hash and ids were cross-checked with Python's hashlib.
[Trait("Category", "Integration")]
public sealed class BlockTransferTests(ValidatorChainFixture fixture) : IClassFixture<ValidatorChainFixture>
{
    private const string Tail = "4168417382824174417282417540";
    private const string Golden = "8402" + Tail;

    [Fact]
    public void Encode_GoldenBlock_IsTheGoldenVector()
    {
        var block = new StoredBlock(2, Hash256.Zero, [0x68], [0x73], [new StoredTransaction(Hash256.Zero, [0x74], [0x72]), new StoredTransaction(Hash256.Zero, [0x75], [])]);

        var bytes = BlockTransfer.Encode(block);

        Assert.Equal(Golden, Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Decode_GoldenVector_RecomputesTheBlockHashAndTheTransactionIds()
    {
        var bytes = Convert.FromHexString(Golden);

        var block = BlockTransfer.Decode(bytes);

        Assert.True(block.IsSuccess, block.Error?.ToString());
        Assert.Equal(2, block.Value.Height);
        Assert.Equal([0x68], block.Value.Header);
        Assert.Equal([0x73], block.Value.Seal);
        Assert.Equal("ee2de0af6a8afc7211755dfb4ac9e20eddbe2ddbee1f965f7ae96b09988ab6cc", block.Value.Hash.ToString());
        Assert.Equal(
            [("e3b98a4da31a127d4bde6e43033f66ba274cab0eb7eb1c70ec41402bf6273dd8", "74", "72"), ("0bfe935e70c321c7ca3afc75ce0d0ca2f98b5422e008bb31c00c6d7f1f1c0ad6", "75", "")],
            block.Value.Transactions.Select(t => (t.Id.ToString(), Convert.ToHexStringLower(t.Bytes), Convert.ToHexStringLower(t.Receipt))));
    }

    [Fact]
    public void Decode_EncodedValidatorBlocks_RoundTripEveryByte()
    {
        using var store = fixture.Dir.OpenStore();
        var blocks = Enumerable.Range(0, checked((int)store.HeadHeight + 1)).Select(h => store.ReadBlock(h)!).ToList();

        var decoded = blocks.Select(b => BlockTransfer.Decode(BlockTransfer.Encode(b))).ToList();

        Assert.All(decoded, d => Assert.True(d.IsSuccess, d.Error?.ToString()));
        Assert.Equal(blocks.Select(Describe), decoded.Select(d => Describe(d.Value)));
        Assert.Contains(blocks, b => b.Transactions.Length > 0 && b.Height > 0);
    }

    [Fact]
    public void Decode_WrongStoredHashAndIds_AreNotTrusted()
    {
        using var store = fixture.Dir.OpenStore();
        var genuine = store.ReadBlock(1)!;
        var lying = genuine with { Hash = Sha256Digest.Hash("other"u8), Transactions = [.. genuine.Transactions.Select(t => t with { Id = Sha256Digest.Hash("other"u8) })] };

        var decoded = BlockTransfer.Decode(BlockTransfer.Encode(lying));

        Assert.Equal(Describe(genuine), Describe(decoded.Value));
    }

    [Theory]
    [InlineData("", "empty input")]
    [InlineData(Golden + "00", "trailing byte")]
    [InlineData(Golden + Golden, "two blocks")]
    [InlineData("a0", "a map")]
    [InlineData("830241684173", "three items")]
    [InlineData("8502416841738000", "five items")]
    [InlineData("841802" + Tail, "non-minimal height")]
    [InlineData("8421" + Tail, "negative height")]
    [InlineData("84f94000" + Tail, "float height")]
    [InlineData("84026168417382824174417282417540", "text header")]
    [InlineData("840241684173a0", "transactions as a map")]
    [InlineData("9f02" + Tail + "ff", "indefinite block")]
    [InlineData("8402416841739f824174417282417540ff", "indefinite transaction list")]
    [InlineData("840241684173828341744172418082417540", "a pair of three")]
    [InlineData("84024168417381814174", "a pair of one")]
    [InlineData("84025f4168ff417382824174417282417540", "indefinite header bytes")]
    [InlineData("8402416841739b00000000ffffffff", "a count the input cannot hold")]
    [InlineData("c1" + Golden, "a tagged block")]
    public void Decode_MalformedBytes_FailsWithBlockMalformed(string hex, string what)
    {
        var bytes = Convert.FromHexString(hex);

        var decoded = BlockTransfer.Decode(bytes);

        Assert.False(decoded.IsSuccess, what);
        Assert.Equal(LedgerErrors.BlockMalformed, decoded.Error.Code);
    }

    private static string Describe(StoredBlock b) =>
        $"{b.Height} {b.Hash} {Convert.ToHexStringLower(b.Header)} {Convert.ToHexStringLower(b.Seal)} "
        + string.Join(' ', b.Transactions.Select(t => $"{t.Id}:{Convert.ToHexStringLower(t.Bytes)}:{Convert.ToHexStringLower(t.Receipt)}"));
}
