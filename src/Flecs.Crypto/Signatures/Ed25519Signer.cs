using NSec.Cryptography;

namespace Flecs.Crypto.Signatures;

/// <summary>An Ed25519 private key that signs messages (RFC 8032, via libsodium).</summary>
/// <remarks>
/// Thread-safe: concurrent calls to <see cref="Sign(ReadOnlySpan{byte})"/> are allowed. Ed25519 signing is
/// deterministic, so the same key and message always give the same signature. Dispose to free the key's memory.
/// </remarks>
public sealed class Ed25519Signer : ISigner, IDisposable
{
    /// <summary>The signature length in bytes.</summary>
    public const int SignatureLength = 64;

    /// <summary>The private-key seed length in bytes.</summary>
    internal const int SeedLength = 32;

    private readonly Key _key;

    private Ed25519Signer(Key key)
    {
        _key = key;
        PublicKey = new Ed25519PublicKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <inheritdoc/>
    public Ed25519PublicKey PublicKey { get; }

    /// <summary>Creates a new random key.</summary>
    public static Ed25519Signer Generate() => new(Key.Create(SignatureAlgorithm.Ed25519, Exportable()));

    /// <summary>Recreates a key from its 32-byte seed (the RFC 8032 private key).</summary>
    /// <exception cref="ArgumentException">The seed is not 32 bytes long.</exception>
    public static Ed25519Signer FromSeed(ReadOnlySpan<byte> seed32)
    {
        if (seed32.Length != SeedLength)
        {
            throw new ArgumentException($"An Ed25519 seed is {SeedLength} bytes; got {seed32.Length}.", nameof(seed32));
        }

        return new(Key.Import(SignatureAlgorithm.Ed25519, seed32, KeyBlobFormat.RawPrivateKey, Exportable()));
    }

    /// <summary>The 32-byte seed, for writing to a key file. The caller should zero it after use.</summary>
    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    /// <inheritdoc/>
    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="signature"/> is not 64 bytes long.</exception>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        if (signature.Length != SignatureLength)
        {
            throw new ArgumentException($"An Ed25519 signature is {SignatureLength} bytes; the buffer has {signature.Length}.", nameof(signature));
        }

        SignatureAlgorithm.Ed25519.Sign(_key, message, signature);
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();

    // The seed must be exportable so that KeyFile can write it.
    private static KeyCreationParameters Exportable() => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
}
