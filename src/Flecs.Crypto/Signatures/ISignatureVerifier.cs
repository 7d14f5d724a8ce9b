namespace Flecs.Crypto.Signatures;

/// <summary>Checks signatures against public keys.</summary>
public interface ISignatureVerifier
{
    /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="publicKey"/>.</summary>
    /// <remarks>Never throws on bad input: a malformed key or signature is simply not valid.</remarks>
    public bool Verify(Ed25519PublicKey publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}
