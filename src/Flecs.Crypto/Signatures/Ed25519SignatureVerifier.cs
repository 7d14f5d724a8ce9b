using System.Collections.Concurrent;
using NSec.Cryptography;

namespace Flecs.Crypto.Signatures;

/// <summary>Verifies Ed25519 signatures (RFC 8032, via libsodium).</summary>
/// <remarks>
/// Thread-safe; register one instance as a singleton. Imported keys are cached because a node verifies
/// tens of thousands of signatures a second from about a thousand keys, and importing costs more than a
/// dictionary lookup. The cache is bounded: when it holds 4,096 keys it is cleared,
/// so a flood of unknown keys costs re-imports but never unbounded memory.
/// </remarks>
public sealed class Ed25519SignatureVerifier : ISignatureVerifier
{
    internal const int MaxCachedKeys = 4096;

    // A null value marks a key that failed to import, so a bad key is not re-imported on every call.
    private readonly ConcurrentDictionary<Ed25519PublicKey, PublicKey?> _keys = new();

    /// <inheritdoc/>
    public bool Verify(Ed25519PublicKey publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Ed25519Signer.SignatureLength)
        {
            return false;
        }

        var key = Import(publicKey);
        return key is not null && SignatureAlgorithm.Ed25519.Verify(key, message, signature);
    }

    internal int CachedKeyCount => _keys.Count;

    private PublicKey? Import(Ed25519PublicKey publicKey)
    {
        if (_keys.TryGetValue(publicKey, out var cached))
        {
            return cached;
        }

        var key = PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey.AsSpan(), KeyBlobFormat.RawPublicKey, out var imported)
            ? imported
            : null;

        if (_keys.Count >= MaxCachedKeys)
        {
            _keys.Clear();
        }

        _keys.TryAdd(publicKey, key);
        return key;
    }
}
