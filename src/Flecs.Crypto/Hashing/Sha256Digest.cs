using System.Buffers;
using System.Security.Cryptography;
using Flecs.Core.Identity;

namespace Flecs.Crypto.Hashing;

/// <summary>SHA-256 into a <see cref="Hash256"/>, optionally prefixed with a domain-separation tag.</summary>
/// <remarks>Thread-safe. The domain tag keeps a hash of one kind of object from ever colliding with a hash of another kind.</remarks>
public static class Sha256Digest
{
    /// <summary>Returns SHA-256(<paramref name="data"/>).</summary>
    public static Hash256 Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Hash256.Length];
        SHA256.HashData(data, digest);
        return new Hash256(digest);
    }

    /// <summary>Returns SHA-256(<paramref name="domain"/> ‖ <paramref name="data"/>).</summary>
    public static Hash256 Hash(ReadOnlySpan<byte> domain, ReadOnlySpan<byte> data)
    {
        // Hot path (every leaf and block hash): one contiguous one-shot hash is several times cheaper
        // than an IncrementalHash, which allocates a native context per call.
        var length = domain.Length + data.Length;
        var rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[StackLimit] : rented;
        domain.CopyTo(buffer);
        data.CopyTo(buffer[domain.Length..]);
        Span<byte> digest = stackalloc byte[Hash256.Length];
        SHA256.HashData(buffer[..length], digest);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return new Hash256(digest);
    }

    private const int StackLimit = 1024;
}
