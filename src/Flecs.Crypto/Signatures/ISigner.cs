namespace Flecs.Crypto.Signatures;

/// <summary>Signs messages with one private key.</summary>
public interface ISigner
{
    /// <summary>The public key that verifies this signer's signatures.</summary>
    public Ed25519PublicKey PublicKey { get; }

    /// <summary>Signs <paramref name="message"/> and returns the 64-byte signature.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message);

    /// <summary>Signs <paramref name="message"/> into <paramref name="signature"/>, which must be 64 bytes.</summary>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature);
}
