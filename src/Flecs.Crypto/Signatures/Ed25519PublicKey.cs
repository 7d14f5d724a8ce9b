using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Flecs.Crypto.Signatures;

/// <summary>A 32-byte Ed25519 public key (RFC 8032 encoding).</summary>
/// <remarks>
/// Immutable, with value equality over the bytes. The bytes are not checked to be a valid curve point:
/// a key that is not one simply never verifies a signature. Text form is 64 lower-case hex digits.
/// </remarks>
public readonly record struct Ed25519PublicKey
{
    /// <summary>The key length in bytes.</summary>
    public const int Length = 32;

    // An inline buffer rather than a byte[]: the key stays a plain value (no reference to share or mutate),
    // and AsSpan can view it without allocating.
    private readonly KeyBytes _bytes;

    /// <summary>Copies a 32-byte public key.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public Ed25519PublicKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"An Ed25519 public key is {Length} bytes; got {bytes.Length}.", nameof(bytes));
        }

        bytes.CopyTo(_bytes);
    }

    /// <summary>The key as a new 32-byte array.</summary>
    public byte[] ToArray() => AsSpan().ToArray();

    /// <summary>A view of the key's 32 bytes.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> AsSpan() => _bytes;

    /// <summary>Parses 64 hex digits (either case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? hex, out Ed25519PublicKey key)
    {
        key = default;
        if (hex is null || hex.Length != Length * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != OperationStatus.Done || written != Length)
        {
            return false;
        }

        key = new Ed25519PublicKey(bytes);
        return true;
    }

    /// <summary>Parses 64 hex digits; throws <see cref="FormatException"/> otherwise.</summary>
    public static Ed25519PublicKey Parse(string hex) =>
        TryParse(hex, out var key) ? key : throw new FormatException($"'{hex}' is not an Ed25519 public key (64 hex digits).");

    /// <inheritdoc/>
    public bool Equals(Ed25519PublicKey other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(AsSpan());
        return hash.ToHashCode();
    }

    /// <summary>Lower-case hex.</summary>
    public override string ToString() => Convert.ToHexStringLower(AsSpan());

    [InlineArray(Length)]
    private struct KeyBytes
    {
        private byte _element0;
    }
}
