using CsCheck;
using Flecs.Ledger.Tests.Encoding;
using Flecs.Ledger.Transactions;
using Flecs.Testing;

namespace Flecs.Ledger.Tests.Transactions;

public sealed partial class TransactionTests
{
    private static readonly TestPlayer PropertySigner = TestPlayer.Named("property");

    private static Gen<Transaction> AnyTransaction { get; } =
        Gen.Select(LedgerGen.Text(0, 64), Gen.UShort, LedgerGen.PlayerId, LedgerGen.NonNegativeLong.Where(s => s >= 1), LedgerGen.NonNegativeLong, LedgerGen.Payload)
            .Select(t => Transaction.Create(t.Item1, new TransactionType(t.Item2), t.Item3, t.Item4, t.Item5, t.Item6, PropertySigner.Signer));

    [Fact]
    public void Decode_RandomTransaction_RoundTrips()
    {
        AnyTransaction.Sample(tx =>
        {
            var decoded = Transaction.Decode(tx.Bytes);

            Assert.True(decoded.IsSuccess, decoded.Error?.ToString());
            var d = decoded.Value;
            Assert.Equal((tx.ChainId, tx.Type, tx.Sender, tx.Sequence, tx.ValidUntilHeight), (d.ChainId, d.Type, d.Sender, d.Sequence, d.ValidUntilHeight));
            Assert.Equal(tx.Payload, d.Payload);
            Assert.Equal(tx.Signature, d.Signature);
            Assert.Equal(tx.Bytes, d.Bytes);
            Assert.Equal(tx.Id, d.Id);
            Assert.True(d.HasValidSignature(Verifier, PropertySigner.PublicKey));
        });
    }

    [Fact]
    public void Decode_MutatedEnvelope_IsMalformedOrFailsSignature()
    {
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte[1, 255]);
        Gen.Select(AnyTransaction, mutation).Sample((tx, m) =>
        {
            var mutated = Mutate(tx.Bytes, m.Item1, m.Item2, m.Item3);

            var decoded = Transaction.Decode(mutated);

            if (decoded.IsSuccess)
            {
                // Whatever decodes is the one canonical encoding of its fields: re-encoded from them, it is the input.
                var d = decoded.Value;
                Assert.Equal(mutated, Transaction.FromParts(d.ChainId, d.Type, d.Sender, d.Sequence, d.ValidUntilHeight, d.Payload, d.Signature).Bytes);
                Assert.Equal(Flecs.Crypto.Hashing.Sha256Digest.Hash(mutated), d.Id);
                Assert.NotEqual(tx.Id, decoded.Value.Id);
                Assert.False(decoded.Value.HasValidSignature(Verifier, PropertySigner.PublicKey), "A mutated envelope decoded with a valid signature.");
            }
            else
            {
                Assert.Equal(LedgerErrors.Malformed, decoded.Error.Code);
            }
        }, iter: 20_000);
    }

    private static byte[] Mutate(byte[] bytes, int kind, int position, byte value)
    {
        var at = position % bytes.Length;
        return kind switch
        {
            0 => [.. bytes[..at], (byte)(bytes[at] ^ value), .. bytes[(at + 1)..]],
            1 => [.. bytes[..at], value, .. bytes[at..]],
            2 => [.. bytes[..at], .. bytes[(at + 1)..]],
            _ => bytes[..at],
        };
    }
}
