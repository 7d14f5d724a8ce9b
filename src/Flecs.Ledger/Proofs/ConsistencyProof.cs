using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Merkle;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.Genesis;

namespace Flecs.Ledger.Proofs;

/// <summary>Proof that a later sealed head extends an earlier one (RFC 9162 consistency of their history roots), so the chain was only appended to (docs/formats/proofs.md).</summary>
public sealed record ConsistencyProof
{
    /// <summary>The tag that opens the encoding.</summary>
    public const string Tag = "flecs-consistency-proof-v1";

    /// <summary>The older head's header.</summary>
    public required byte[] OldHeader { get; init; }

    /// <summary>The older head's seal.</summary>
    public required byte[] OldSeal { get; init; }

    /// <summary>The newer head's header.</summary>
    public required byte[] NewHeader { get; init; }

    /// <summary>The newer head's seal.</summary>
    public required byte[] NewSeal { get; init; }

    /// <summary>RFC 9162 consistency path between history sizes old.height and new.height.</summary>
    public required ImmutableArray<Hash256> Path { get; init; }

    /// <summary>Inclusion path of the older head's own hash in the newer head's history root.</summary>
    public required ImmutableArray<Hash256> OldHeadPath { get; init; }

    /// <summary>Inclusion path of the genesis block's hash (leaf 0) in the newer head's history root.</summary>
    public required ImmutableArray<Hash256> GenesisPath { get; init; }

    /// <summary>SA-signed <c>add-validator</c> transactions for sealers not in genesis.</summary>
    public required ImmutableArray<byte[]> ValidatorAuthorizations { get; init; }

    /// <summary>Verifies the proof with nothing but <paramref name="genesis"/>.</summary>
    public Result<(long OldHeight, long NewHeight)> Verify(GenesisConfig genesis, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var old = BlockHeader.Decode(OldHeader);
        var @new = BlockHeader.Decode(NewHeader);
        if (!old.IsSuccess || !@new.IsSuccess)
        {
            return Invalid("A header does not decode.");
        }

        var o = old.Value;
        var n = @new.Value;
        if (!string.Equals(o.ChainId, genesis.ChainId, StringComparison.Ordinal) || !string.Equals(n.ChainId, genesis.ChainId, StringComparison.Ordinal))
        {
            return Invalid("The headers are for another chain.");
        }

        if (o.Height < 1 || o.Height >= n.Height)
        {
            return Invalid("The old head must be a non-genesis block before the new head.");
        }

        if (!ValidatorAuthorization.IsSealedByValidator(genesis, o, OldSeal, ValidatorAuthorizations, verifier)
            || !ValidatorAuthorization.IsSealedByValidator(genesis, n, NewSeal, ValidatorAuthorizations, verifier))
        {
            return Invalid("A head is not sealed by a validator known from genesis.");
        }

        if (!MerkleTree.VerifyConsistency(o.Height, n.Height, o.HistoryRoot, n.HistoryRoot, Path))
        {
            return Invalid("The newer history does not extend the older one.");
        }

        if (!MerkleTree.VerifyInclusion(Chain.HistoryLeaf(o.Hash()), o.Height, n.Height, OldHeadPath, n.HistoryRoot))
        {
            return Invalid("The older head itself is not in the newer history.");
        }

        if (!MerkleTree.VerifyInclusion(Chain.HistoryLeaf(GenesisBlock.Create(genesis).Hash), 0, n.Height, GenesisPath, n.HistoryRoot))
        {
            return Invalid("The newer head's history does not start at this genesis.");
        }

        return (o.Height, n.Height);
    }

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(9);
        w.WriteTextString(Tag);
        w.WriteByteString(OldHeader);
        w.WriteByteString(OldSeal);
        w.WriteByteString(NewHeader);
        w.WriteByteString(NewSeal);
        ProofEncoding.WritePath(w, Path);
        ProofEncoding.WritePath(w, OldHeadPath);
        ProofEncoding.WritePath(w, GenesisPath);
        ProofEncoding.WriteByteStrings(w, ValidatorAuthorizations);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the proof after its tag.</summary>
    internal static ConsistencyProof ReadBody(CborReader r) => new()
    {
        OldHeader = r.ReadByteString(),
        OldSeal = r.ReadByteString(),
        NewHeader = r.ReadByteString(),
        NewSeal = r.ReadByteString(),
        Path = ProofEncoding.ReadPath(r),
        OldHeadPath = ProofEncoding.ReadPath(r),
        GenesisPath = ProofEncoding.ReadPath(r),
        ValidatorAuthorizations = ProofEncoding.ReadByteStrings(r),
    };

    private static Result<(long, long)> Invalid(string why) => Result<(long, long)>.Fail(ProofEncoding.InvalidProof, why);
}
