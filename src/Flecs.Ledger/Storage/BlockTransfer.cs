using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Results;
using Flecs.Crypto.Hashing;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Storage;

/// <summary>
/// The canonical CBOR encoding of a <see cref="StoredBlock"/> for transfer between nodes (docs/formats/block-transfer.md):
/// <c>[height, header, seal, [[transaction, receipt] …]]</c>.
/// </summary>
/// <remarks>
/// The encoding carries only the bytes that the block's hash, seal and Merkle roots commit to. The block hash and the
/// transaction ids are indexes: <see cref="Decode"/> recomputes them from the bytes (SHA-256 of
/// <c>"FLECS/block/v1\0" ‖ header</c>, SHA-256 of each envelope) and never trusts a sender for them. Decoding checks
/// the shape only; whether the block is valid is for <see cref="Verification.LedgerVerifier.ToBlock"/> and
/// <see cref="Blocks.Chain.Validate"/> to say.
/// </remarks>
public static class BlockTransfer
{
    /// <summary>Encodes <paramref name="block"/> canonically.</summary>
    public static byte[] Encode(StoredBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var w = Cbor.NewWriter();
        w.WriteStartArray(4);
        w.WriteInt64(block.Height);
        w.WriteByteString(block.Header);
        w.WriteByteString(block.Seal);
        w.WriteStartArray(block.Transactions.Length);
        foreach (var tx in block.Transactions)
        {
            w.WriteStartArray(2);
            w.WriteByteString(tx.Bytes);
            w.WriteByteString(tx.Receipt);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Decodes a transferred block strictly, recomputing its hash and transaction ids from the bytes.</summary>
    /// <returns>The block, or <see cref="LedgerErrors.BlockMalformed"/> when the bytes are not exactly one canonical
    /// array of this shape (trailing bytes, indefinite lengths, non-minimal integers, a negative height, wrong item types).</returns>
    public static Result<StoredBlock> Decode(ReadOnlyMemory<byte> bytes) =>
        Cbor.TryDecode(bytes, Read, Encode, out var block)
            ? block
            : Result<StoredBlock>.Fail(LedgerErrors.BlockMalformed, "The transferred block is not canonical CBOR [height, header, seal, [[transaction, receipt] …]].");

    private static StoredBlock Read(CborReader r)
    {
        r.ReadArrayOf(4);
        var height = r.ReadNonNegative();
        var header = r.ReadByteString();
        var seal = r.ReadByteString();
        var count = r.ReadStartArray() ?? throw new CborContentException("The transaction list must have a definite length.");
        // Each pair takes at least 3 bytes: a declared count cannot make the builder allocate more than the input can hold.
        var transactions = ImmutableArray.CreateBuilder<StoredTransaction>(Math.Min(count, r.BytesRemaining / 3));
        for (var i = 0; i < count; i++)
        {
            r.ReadArrayOf(2);
            var tx = r.ReadByteString();
            var receipt = r.ReadByteString();
            r.ReadEndArray();
            transactions.Add(new StoredTransaction(Sha256Digest.Hash(tx), tx, receipt));
        }

        r.ReadEndArray();
        r.ReadEndOfValue();
        return new StoredBlock(height, Sha256Digest.Hash(DomainSeparation.BlockHeader, header), header, seal, transactions.ToImmutable());
    }
}
