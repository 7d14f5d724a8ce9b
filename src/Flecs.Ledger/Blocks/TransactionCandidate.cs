using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Blocks;

/// <summary>Raw transaction bytes on their way into a block, with the work already done on them (decoding, a signature check).</summary>
/// <remarks>
/// Signature checks are the costly part of applying a block, and they do not depend on order, so
/// they run in parallel before the sequential apply (at admission, or over a whole block on replay).
/// The apply step trusts <see cref="VerifiedKey"/> only if it equals the sender's key at that point;
/// otherwise it verifies again — so a key rotated earlier in the block is honoured exactly.
/// </remarks>
public sealed class TransactionCandidate
{
    private Result<Transaction>? _decoded;

    /// <summary>Wraps raw envelope bytes.</summary>
    public TransactionCandidate(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Bytes = bytes;
        Id = Sha256Digest.Hash(bytes);
    }

    /// <summary>Wraps an already decoded transaction.</summary>
    public TransactionCandidate(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Bytes = transaction.Bytes;
        Id = transaction.Id;
        _decoded = transaction;
    }

    /// <summary>The envelope bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>SHA-256 of the bytes: the transaction id.</summary>
    public Hash256 Id { get; }

    /// <summary>The key the signature verified with, when a check succeeded.</summary>
    public Ed25519PublicKey? VerifiedKey { get; private set; }

    /// <summary>Decodes the envelope (once).</summary>
    public Result<Transaction> Decode() => _decoded ??= Transaction.Decode(Bytes, Id);

    /// <summary>Checks the signature against <paramref name="key"/>, remembering a success.</summary>
    public bool Verify(ISignatureVerifier verifier, Ed25519PublicKey key)
    {
        if (VerifiedKey == key)
        {
            return true;
        }

        var decoded = Decode();
        if (decoded.IsSuccess && decoded.Value.HasValidSignature(verifier, key))
        {
            VerifiedKey = key;
            return true;
        }

        return false;
    }
}
