using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Proofs;

/// <summary>Resolves a sealer's key for a light client that holds only the genesis file.</summary>
/// <remarks>
/// A genesis validator is known from the genesis file. A validator added later is proven by its
/// <c>add-validator</c> transaction, signed by the SA root key named in genesis, which a proof carries.
/// Limitation (docs/adr/0004-fault-model.md): a light client cannot see a later removal from such a
/// proof alone; it relies on consistency proofs from validators it still trusts.
/// </remarks>
public static class ValidatorAuthorization
{
    /// <summary>The keys <paramref name="sealerId"/> may seal with: its genesis key, or the keys of every SA-signed <c>add-validator</c> among <paramref name="authorizations"/>.</summary>
    /// <remarks>A validator removed and re-added has several; a seal is valid when one of them verifies it.</remarks>
    public static IReadOnlyList<Ed25519PublicKey> FindKeys(GenesisConfig genesis, string sealerId, IEnumerable<byte[]> authorizations, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(authorizations);
        var keys = new List<Ed25519PublicKey>();
        if (!PlayerId.TryParse(sealerId, out var id))
        {
            return keys;
        }

        if (ValidatorSet.Find(genesis.Validators, id) is { } known)
        {
            keys.Add(known.PublicKey);
        }

        foreach (var bytes in authorizations)
        {
            var tx = Transaction.Decode(bytes);
            if (!tx.IsSuccess
                || tx.Value.Type != TransactionType.AddValidator
                || tx.Value.Sender != genesis.SupervisingAuthorityId
                || !string.Equals(tx.Value.ChainId, genesis.ChainId, StringComparison.Ordinal)
                || !tx.Value.HasValidSignature(verifier, genesis.SupervisingAuthorityKey))
            {
                continue;
            }

            var payload = Payload.Decode(tx.Value.Payload, PlayerKeyPayload.Read, p => p.Encode());
            if (payload.IsSuccess && payload.Value.Id == id)
            {
                keys.Add(payload.Value.PublicKey);
            }
        }

        return keys;
    }

    /// <summary>Checks a sealed header against genesis and the carried authorizations.</summary>
    public static bool IsSealedByValidator(GenesisConfig genesis, BlockHeader header, byte[] seal, IEnumerable<byte[]> authorizations, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(header);
        var hash = header.Hash();
        return FindKeys(genesis, header.SealerId, authorizations, verifier).Any(key => BlockSeal.Verify(verifier, key, hash, seal));
    }
}
