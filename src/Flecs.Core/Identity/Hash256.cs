using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Flecs.Core.Identity;

/// <summary>A 32-byte SHA-256 digest: transaction ids, block hashes and Merkle roots.</summary>
/// <remarks>Immutable; equality and ordering are bytewise (big-endian). Text form is 64 lower-case hex digits.</remarks>
public readonly struct Hash256 : IEquatable<Hash256>, IComparable<Hash256>
{
    /// <summary>The digest length in bytes.</summary>
    public const int Length = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    /// <summary>Copies a 32-byte digest.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public Hash256(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A SHA-256 digest is {Length} bytes; got {bytes.Length}.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>The all-zero digest, used as the parent of the genesis block.</summary>
    public static Hash256 Zero => default;

    /// <summary>Writes the digest into <paramref name="destination"/> (32 bytes).</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The digest as a new byte array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Parses 64 hex digits (either case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? hex, out Hash256 hash)
    {
        hash = default;
        if (hex is null || hex.Length != Length * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Length)
        {
            return false;
        }

        hash = new Hash256(bytes);
        return true;
    }

    /// <summary>Parses 64 hex digits; throws <see cref="FormatException"/> otherwise.</summary>
    public static Hash256 Parse(string hex) =>
        TryParse(hex, out var hash) ? hash : throw new FormatException($"'{hex}' is not 64 hex digits.");

    /// <inheritdoc/>
    public bool Equals(Hash256 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    /// <inheritdoc/>
    public int CompareTo(Hash256 other)
    {
        var c = _a.CompareTo(other._a);
        if (c == 0)
        {
            c = _b.CompareTo(other._b);
        }

        if (c == 0)
        {
            c = _c.CompareTo(other._c);
        }

        return c != 0 ? c : _d.CompareTo(other._d);
    }

    /// <summary>Lower-case hex.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);

    /// <summary>Ordering.</summary>
    public static bool operator <(Hash256 left, Hash256 right) => left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(Hash256 left, Hash256 right) => left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(Hash256 left, Hash256 right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >=(Hash256 left, Hash256 right) => left.CompareTo(right) >= 0;
}
