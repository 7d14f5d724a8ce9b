using System.Security.Cryptography;
using Flecs.Core.Identity;

namespace Flecs.Crypto.Tests.Merkle;

/// <summary>
/// RFC 9162 §2.1 written as literally as possible (recursive, slices, its own hashing), so the production
/// code is checked against the specification text rather than against itself.
/// </summary>
internal static class ReferenceMerkle
{
    public static Hash256 Mth(ReadOnlySpan<Hash256> d)
    {
        if (d.Length == 0)
        {
            return new Hash256(SHA256.HashData([]));
        }

        if (d.Length == 1)
        {
            return d[0];
        }

        var k = K(d.Length);
        return Node(Mth(d[..k]), Mth(d[k..]));
    }

    public static List<Hash256> Path(int m, ReadOnlySpan<Hash256> d)
    {
        if (d.Length == 1)
        {
            return [];
        }

        var k = K(d.Length);
        return m < k
            ? [.. Path(m, d[..k]), Mth(d[k..])]
            : [.. Path(m - k, d[k..]), Mth(d[..k])];
    }

    public static List<Hash256> Proof(int m, ReadOnlySpan<Hash256> d) => SubProof(m, d, true);

    private static List<Hash256> SubProof(int m, ReadOnlySpan<Hash256> d, bool b)
    {
        if (m == d.Length)
        {
            return b ? [] : [Mth(d)];
        }

        var k = K(d.Length);
        return m <= k
            ? [.. SubProof(m, d[..k], b), Mth(d[k..])]
            : [.. SubProof(m - k, d[k..], false), Mth(d[..k])];
    }

    private static Hash256 Node(Hash256 left, Hash256 right) => new(SHA256.HashData([0x01, .. left.ToArray(), .. right.ToArray()]));

    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
