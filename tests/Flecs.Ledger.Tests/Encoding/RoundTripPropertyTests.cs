using CsCheck;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;

namespace Flecs.Ledger.Tests.Encoding;

// Every encoding round-trips: Decode(Encode(x)) equals x, and re-encoding gives the same bytes.
public sealed class RoundTripPropertyTests
{
    [Fact]
    public void BlockHeader_EncodeThenDecode_RoundTrips()
    {
        LedgerGen.Header.Sample(header =>
        {
            var bytes = header.Encode();

            var decoded = BlockHeader.Decode(bytes);

            Assert.True(decoded.IsSuccess, decoded.Error?.ToString());
            Assert.Equal(header, decoded.Value);
            Assert.Equal(header.Hash(), decoded.Value.Hash());
        });
    }

    [Fact]
    public void Receipt_EncodeThenDecode_RoundTrips()
    {
        LedgerGen.AnyReceipt.Sample(receipt =>
        {
            var decoded = Receipt.Decode(receipt.Encode());

            Assert.True(decoded.IsSuccess, decoded.Error?.ToString());
            Assert.Equal(receipt, decoded.Value);
        });
    }

    [Fact]
    public void GenesisConfig_EncodeThenDecode_RoundTrips()
    {
        LedgerGen.Genesis.Sample(genesis =>
        {
            var bytes = genesis.Encode();

            var decoded = GenesisConfig.Decode(bytes);

            Assert.True(decoded.IsSuccess, decoded.Error?.ToString());
            Assert.Equal(bytes, decoded.Value.Encode());
            Assert.Equal(genesis with { Validators = decoded.Value.Validators }, decoded.Value);
            Assert.Equal(genesis.Validators, decoded.Value.Validators);
            Assert.Equal(GenesisBlock.Create(genesis).Hash, GenesisBlock.Create(decoded.Value).Hash);
        });
    }

    [Fact]
    public void RegisterPlayerPayload_EncodeThenDecode_RoundTrips() =>
        LedgerGen.Register.Sample(p => Assert.Equal(p, Payload.Decode(p.Encode(), RegisterPlayerPayload.Read, x => x.Encode()).Value));

    [Fact]
    public void PlayerActionPayload_EncodeThenDecode_RoundTrips() =>
        LedgerGen.Action.Sample(p => Assert.Equal(p, Payload.Decode(p.Encode(), PlayerActionPayload.Read, x => x.Encode()).Value));

    [Fact]
    public void PlayerKeyPayload_EncodeThenDecode_RoundTrips() =>
        LedgerGen.Key.Sample(p => Assert.Equal(p, Payload.Decode(p.Encode(), PlayerKeyPayload.Read, x => x.Encode()).Value));

    [Fact]
    public void AnchorDocumentPayload_EncodeThenDecode_RoundTrips() =>
        LedgerGen.Anchor.Sample(p => Assert.Equal(p, Payload.Decode(p.Encode(), AnchorDocumentPayload.Read, x => x.Encode()).Value));

    [Fact]
    public void PlayerRecord_EncodeThenDecode_RoundTrips() =>
        LedgerGen.Player.Sample(p => Assert.Equal(p, PlayerRecord.Decode(p.Encode())));

    [Fact]
    public void ValidatorSet_Hash_IndependentOfOrder()
    {
        LedgerGen.Genesis.Sample(genesis =>
        {
            var sorted = ValidatorSet.Hash(genesis.Validators);

            var reversed = ValidatorSet.Hash([.. genesis.Validators.Reverse()]);

            Assert.Equal(sorted, reversed);
        });
    }

    [Fact]
    public void BlockHeader_TrailingByte_DoesNotDecode()
    {
        LedgerGen.Header.Sample(header =>
        {
            var decoded = BlockHeader.Decode((byte[])[.. header.Encode(), 0x00]);

            Assert.Equal(LedgerErrors.BlockMalformed, decoded.Error?.Code);
        });
    }

    [Fact]
    public void Payload_TrailingByte_InvalidPayload()
    {
        LedgerGen.Anchor.Sample(p =>
        {
            var decoded = Payload.Decode([.. p.Encode(), 0x00], AnchorDocumentPayload.Read, x => x.Encode());

            Assert.Equal(LedgerErrors.InvalidPayload, decoded.Error?.Code);
        });
    }
}
