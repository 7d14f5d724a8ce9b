using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Hashing;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Blocks;

/// <summary>A block header (docs/formats/block.md): what a validator seals and a light client keeps.</summary>
/// <remarks>
/// <see cref="HistoryRoot"/> is the RFC 9162 root over the hashes of blocks 0 … height−1, so every
/// sealed header is also a signed tree head over the whole chain before it: inclusion proofs for old
/// blocks and consistency proofs between two heads need nothing else.
/// </remarks>
public sealed record BlockHeader
{
    /// <summary>The header format version written by this code.</summary>
    public const int FormatVersion = 1;

    /// <summary>The chain id from genesis.</summary>
    public required string ChainId { get; init; }

    /// <summary>The height; genesis is 0.</summary>
    public required long Height { get; init; }

    /// <summary>The parent's block hash (zero for genesis).</summary>
    public required Hash256 PreviousHash { get; init; }

    /// <summary>The sequencer's timestamp, ms since the Unix epoch; never before the parent's.</summary>
    public required long TimestampMs { get; init; }

    /// <summary>RFC 9162 root over the transaction envelopes, in block order.</summary>
    public required Hash256 TransactionsRoot { get; init; }

    /// <summary>RFC 9162 root over the receipts, in block order.</summary>
    public required Hash256 ReceiptsRoot { get; init; }

    /// <summary>RFC 9162 root over the hashes of blocks 0 … height−1.</summary>
    public required Hash256 HistoryRoot { get; init; }

    /// <summary>Hash of the validator set in force for this block (the set after the parent).</summary>
    public required Hash256 ValidatorSetHash { get; init; }

    /// <summary>The sealing validator's id (empty for genesis, which is trusted by its hash, not sealed).</summary>
    public required string SealerId { get; init; }

    /// <summary>The number of transactions (and receipts) in the block.</summary>
    public required int TransactionCount { get; init; }

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(11);
        w.WriteInt32(FormatVersion);
        w.WriteTextString(ChainId);
        w.WriteInt64(Height);
        w.WriteHash(PreviousHash);
        w.WriteInt64(TimestampMs);
        w.WriteHash(TransactionsRoot);
        w.WriteHash(ReceiptsRoot);
        w.WriteHash(HistoryRoot);
        w.WriteHash(ValidatorSetHash);
        w.WriteTextString(SealerId);
        w.WriteInt32(TransactionCount);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>The block hash: SHA-256 of <c>"FLECS/block/v1\0" ‖ header</c>.</summary>
    public Hash256 Hash() => Sha256Digest.Hash(DomainSeparation.BlockHeader, Encode());

    /// <summary>Decodes a header strictly.</summary>
    public static Result<BlockHeader> Decode(ReadOnlyMemory<byte> bytes) =>
        Cbor.TryDecode(bytes, Read, h => h.Encode(), out var header)
            ? header
            : Result<BlockHeader>.Fail(LedgerErrors.BlockMalformed, "The block header is not canonical CBOR of version 1.");

    private static BlockHeader Read(CborReader r)
    {
        r.ReadArrayOf(11);
        if (r.ReadInt32() != FormatVersion)
        {
            throw new CborContentException("Unknown header version.");
        }

        var header = new BlockHeader
        {
            ChainId = r.ReadTextString(),
            Height = r.ReadNonNegative(),
            PreviousHash = r.ReadHash(),
            TimestampMs = r.ReadInt64(),
            TransactionsRoot = r.ReadHash(),
            ReceiptsRoot = r.ReadHash(),
            HistoryRoot = r.ReadHash(),
            ValidatorSetHash = r.ReadHash(),
            SealerId = r.ReadTextString(),
            TransactionCount = r.ReadInt32(),
        };
        r.ReadEndOfValue();
        return header;
    }
}
