using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Blocks;

/// <summary>Sealing: a validator's Ed25519 signature over <c>"FLECS/seal/v1\0" ‖ blockHash</c>.</summary>
public static class BlockSeal
{
    /// <summary>Seals a block hash.</summary>
    public static byte[] Create(ISigner sealer, Hash256 blockHash)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        return sealer.Sign(Message(blockHash));
    }

    /// <summary>Checks a seal.</summary>
    public static bool Verify(ISignatureVerifier verifier, Ed25519PublicKey key, Hash256 blockHash, ReadOnlySpan<byte> seal)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return verifier.Verify(key, Message(blockHash), seal);
    }

    private static byte[] Message(Hash256 blockHash)
    {
        var prefix = DomainSeparation.Seal;
        var message = new byte[prefix.Length + Hash256.Length];
        prefix.CopyTo(message);
        blockHash.CopyTo(message.AsSpan(prefix.Length));
        return message;
    }
}
