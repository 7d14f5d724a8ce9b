using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Transactions;
using Flecs.Testing;
using Flecs.Testing.Builders;

namespace Flecs.Ledger.Tests.Transactions;

public sealed partial class TransactionTests
{
    private static readonly Ed25519SignatureVerifier Verifier = new();

    [Fact]
    public void Create_Anything_IdIsSha256OfTheEnvelope()
    {
        var tx = A.Transaction().Build();

        Assert.Equal(Sha256Digest.Hash(tx.Bytes), tx.Id);
    }

    [Fact]
    public void Create_SignedBySender_SignatureVerifiesWithItsKeyOnly()
    {
        var genco = TestPlayer.Named("genco");

        var tx = A.Transaction().From(genco).Build();

        Assert.True(tx.HasValidSignature(Verifier, genco.PublicKey));
        Assert.False(tx.HasValidSignature(Verifier, TestPlayer.Named("other").PublicKey));
    }

    [Fact]
    public void Create_SameFields_SameBytes()
    {
        var first = A.Transaction().WithSequence(7).Build();

        var second = A.Transaction().WithSequence(7).Build();

        Assert.Equal(first.Bytes, second.Bytes);
    }

    [Fact]
    public void SigningMessage_Body_IsDomainPrefixThenBody()
    {
        var tx = A.Transaction().Build();

        var message = Transaction.SigningMessage(tx.BodyBytes);

        Assert.Equal([.. "FLECS/tx/v1\0"u8.ToArray(), .. tx.BodyBytes], message);
    }

    [Fact]
    public void Decode_ValidEnvelope_ReturnsEqualFields()
    {
        var tx = A.Transaction().OnChain("chain-x").WithSequence(42).ValidUntil(99).Build();

        var decoded = Transaction.Decode(tx.Bytes);

        Assert.True(decoded.IsSuccess, decoded.Error?.ToString());
        Assert.Equal(tx.Id, decoded.Value.Id);
        Assert.Equal("chain-x", decoded.Value.ChainId);
        Assert.Equal(tx.Type, decoded.Value.Type);
        Assert.Equal(tx.Sender, decoded.Value.Sender);
        Assert.Equal(42, decoded.Value.Sequence);
        Assert.Equal(99, decoded.Value.ValidUntilHeight);
        Assert.Equal(tx.Payload, decoded.Value.Payload);
        Assert.Equal(tx.Signature, decoded.Value.Signature);
        Assert.Equal(tx.BodyBytes, decoded.Value.BodyBytes);
    }

    public static TheoryData<string> MalformedKinds => MalformedEnvelopes.AsTheoryData();

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public void Decode_MalformedEnvelope_FailsWithMalformed(string kind)
    {
        var bytes = MalformedEnvelopes.Make(kind, TestPlayer.Named("genco"));

        var decoded = Transaction.Decode(bytes);

        Assert.False(decoded.IsSuccess);
        Assert.Equal(LedgerErrors.Malformed, decoded.Error.Code);
    }

    [Fact]
    public void FromParts_ForeignSignature_DecodesButDoesNotVerify()
    {
        var genco = TestPlayer.Named("genco");
        var honest = A.Transaction().From(genco).Build();
        var forged = Transaction.FromParts(honest.ChainId, honest.Type, honest.Sender, honest.Sequence, honest.ValidUntilHeight, honest.Payload, new byte[64]);

        var decoded = Transaction.Decode(forged.Bytes);

        Assert.True(decoded.IsSuccess, decoded.Error?.ToString());
        Assert.False(decoded.Value.HasValidSignature(Verifier, genco.PublicKey));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Create_SequenceBelowOne_Throws(long sequence)
    {
        var genco = TestPlayer.Named("genco");

        Assert.Throws<ArgumentOutOfRangeException>(() => Transaction.Create("flecs-test", TransactionType.AnchorDocument, genco.Id, sequence, 10, [], genco.Signer));
    }

    [Fact]
    public void Create_NegativeValidity_Throws()
    {
        var genco = TestPlayer.Named("genco");

        Assert.Throws<ArgumentOutOfRangeException>(() => Transaction.Create("flecs-test", TransactionType.AnchorDocument, genco.Id, 1, -1, [], genco.Signer));
    }

    [Fact]
    public void Decode_EnvelopeWithPayloadThatIsNotCbor_DecodesTheEnvelope()
    {
        var tx = A.Transaction().WithPayload([0xff, 0x00, 0x13]).Build();

        var decoded = Transaction.Decode(tx.Bytes);

        Assert.True(decoded.IsSuccess, decoded.Error?.ToString());
        Assert.Equal([0xff, 0x00, 0x13], decoded.Value.Payload);
    }

    [Fact]
    public void MalformedEnvelopes_NonCanonicalSignedBody_CarriesAValidSignatureOverItsBody()
    {
        var genco = TestPlayer.Named("genco");

        var bytes = MalformedEnvelopes.Make("non-canonical-signed-body", genco);

        var body = bytes[1..^66];
        Assert.Equal([0x58, 0x40], bytes[^66..^64]);
        Assert.True(Verifier.Verify(genco.PublicKey, Transaction.SigningMessage(body), bytes.AsSpan()[^64..]));
    }
}
