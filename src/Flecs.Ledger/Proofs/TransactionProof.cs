using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Merkle;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.Genesis;

namespace Flecs.Ledger.Proofs;

/// <summary>
/// Proof that a transaction, with its receipt, is in a block that a validator-sealed head commits to,
/// on the chain that starts at a given genesis (docs/formats/proofs.md). Verifiable with the genesis file alone.
/// </summary>
public sealed record TransactionProof
{
    /// <summary>The tag that opens the encoding.</summary>
    public const string Tag = "flecs-tx-proof-v1";

    /// <summary>The transaction envelope.</summary>
    public required byte[] Transaction { get; init; }

    /// <summary>Its receipt.</summary>
    public required byte[] Receipt { get; init; }

    /// <summary>Its index in the block.</summary>
    public required int Position { get; init; }

    /// <summary>Inclusion path of the transaction in the block's transactions root.</summary>
    public required ImmutableArray<Hash256> TransactionPath { get; init; }

    /// <summary>Inclusion path of the receipt in the block's receipts root.</summary>
    public required ImmutableArray<Hash256> ReceiptPath { get; init; }

    /// <summary>The block's header.</summary>
    public required byte[] BlockHeader { get; init; }

    /// <summary>The head's header: its history root covers the block (the head may be a later block).</summary>
    public required byte[] HeadHeader { get; init; }

    /// <summary>The head's seal.</summary>
    public required byte[] HeadSeal { get; init; }

    /// <summary>Inclusion path of the block's hash in the head's history root (empty when the block is the head).</summary>
    public required ImmutableArray<Hash256> HistoryPath { get; init; }

    /// <summary>Inclusion path of the genesis block's hash (leaf 0) in the head's history root.</summary>
    public required ImmutableArray<Hash256> GenesisPath { get; init; }

    /// <summary>SA-signed <c>add-validator</c> transactions for a head sealer not in genesis.</summary>
    public required ImmutableArray<byte[]> ValidatorAuthorizations { get; init; }

    /// <summary>Verifies the proof with nothing but <paramref name="genesis"/>; returns the proven receipt and heights.</summary>
    public Result<ProvenTransaction> Verify(GenesisConfig genesis, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var block = Blocks.BlockHeader.Decode(BlockHeader);
        var head = Blocks.BlockHeader.Decode(HeadHeader);
        var receipt = Blocks.Receipt.Decode(Receipt);
        if (!block.IsSuccess || !head.IsSuccess || !receipt.IsSuccess)
        {
            return Invalid("A header or the receipt does not decode.");
        }

        var b = block.Value;
        var h = head.Value;
        var txId = Sha256Digest.Hash(Transaction);
        if (!string.Equals(b.ChainId, genesis.ChainId, StringComparison.Ordinal) || !string.Equals(h.ChainId, genesis.ChainId, StringComparison.Ordinal))
        {
            return Invalid("The headers are for another chain.");
        }

        if (!MerkleTree.VerifyInclusion(MerkleTree.LeafHash(Transaction), Position, b.TransactionCount, TransactionPath, b.TransactionsRoot))
        {
            return Invalid("The transaction is not in the block's transactions root.");
        }

        if (receipt.Value.TransactionId != txId || !MerkleTree.VerifyInclusion(MerkleTree.LeafHash(Receipt), Position, b.TransactionCount, ReceiptPath, b.ReceiptsRoot))
        {
            return Invalid("The receipt is not the transaction's receipt in the block's receipts root.");
        }

        var blockHash = b.Hash();
        if (b.Height < 1 || b.Height > h.Height)
        {
            return Invalid("The block is not a non-genesis block at or before the head.");
        }

        if (b.Height < h.Height && !MerkleTree.VerifyInclusion(Chain.HistoryLeaf(blockHash), b.Height, h.Height, HistoryPath, h.HistoryRoot))
        {
            return Invalid("The block is not in the head's history.");
        }

        if (b.Height == h.Height && blockHash != h.Hash())
        {
            return Invalid("The block claims to be the head but differs from it.");
        }

        var genesisHash = GenesisBlock.Create(genesis).Hash;
        if (!MerkleTree.VerifyInclusion(Chain.HistoryLeaf(genesisHash), 0, h.Height, GenesisPath, h.HistoryRoot))
        {
            return Invalid("The head's history does not start at this genesis.");
        }

        if (!ValidatorAuthorization.IsSealedByValidator(genesis, h, HeadSeal, ValidatorAuthorizations, verifier))
        {
            return Invalid($"The head is not sealed by a validator known from genesis ('{h.SealerId}').");
        }

        return new ProvenTransaction(txId, receipt.Value, b.Height, Position, h.Height, h.Hash());
    }

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(12);
        w.WriteTextString(Tag);
        w.WriteByteString(Transaction);
        w.WriteByteString(Receipt);
        w.WriteInt32(Position);
        ProofEncoding.WritePath(w, TransactionPath);
        ProofEncoding.WritePath(w, ReceiptPath);
        w.WriteByteString(BlockHeader);
        w.WriteByteString(HeadHeader);
        w.WriteByteString(HeadSeal);
        ProofEncoding.WritePath(w, HistoryPath);
        ProofEncoding.WritePath(w, GenesisPath);
        ProofEncoding.WriteByteStrings(w, ValidatorAuthorizations);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the proof after its tag.</summary>
    internal static TransactionProof ReadBody(CborReader r) => new()
    {
        Transaction = r.ReadByteString(),
        Receipt = r.ReadByteString(),
        Position = r.ReadInt32(),
        TransactionPath = ProofEncoding.ReadPath(r),
        ReceiptPath = ProofEncoding.ReadPath(r),
        BlockHeader = r.ReadByteString(),
        HeadHeader = r.ReadByteString(),
        HeadSeal = r.ReadByteString(),
        HistoryPath = ProofEncoding.ReadPath(r),
        GenesisPath = ProofEncoding.ReadPath(r),
        ValidatorAuthorizations = ProofEncoding.ReadByteStrings(r),
    };

    private static Result<ProvenTransaction> Invalid(string why) => Result<ProvenTransaction>.Fail(ProofEncoding.InvalidProof, why);
}
