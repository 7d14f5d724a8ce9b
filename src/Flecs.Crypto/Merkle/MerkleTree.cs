using System.Collections.Immutable;
using System.Numerics;
using Flecs.Core.Identity;
using Flecs.Crypto.Hashing;

namespace Flecs.Crypto.Merkle;

/// <summary>Merkle tree hashes, inclusion proofs and consistency proofs over SHA-256, exactly as RFC 9162 §2.1 defines them.</summary>
/// <remarks>
/// Leaves and interior nodes are hashed with different prefixes (0x00 and 0x01), so a leaf can never be
/// passed off as a node. Trees are given as their leaf hashes (<see cref="LeafHash"/>), in order.
/// The verifiers return false on any bad input and never throw. All members are thread-safe.
/// </remarks>
public static class MerkleTree
{
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>The hash of the empty tree: SHA-256 of the empty string.</summary>
    public static Hash256 EmptyRoot { get; } = Sha256Digest.Hash([]);

    /// <summary>The hash of a leaf: SHA-256(0x00 ‖ <paramref name="leafData"/>).</summary>
    public static Hash256 LeafHash(ReadOnlySpan<byte> leafData) => Sha256Digest.Hash([LeafPrefix], leafData);

    /// <summary>The hash of an interior node: SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>).</summary>
    public static Hash256 NodeHash(Hash256 left, Hash256 right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Hash256.Length)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Hash256.Length)..]);
        return Sha256Digest.Hash(buffer);
    }

    /// <summary>The Merkle tree hash MTH(D[n]) of the tree with these leaf hashes (§2.1.1).</summary>
    /// <remarks>O(n) time, O(log n) memory, no recursion.</remarks>
    public static Hash256 Root(IReadOnlyList<Hash256> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        return RootOf(leafHashes, 0, leafHashes.Count);
    }

    /// <summary>The inclusion proof PATH(m, D[n]) for leaf <paramref name="leafIndex"/> (§2.1.3.1), lowest level first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leafIndex"/> is not in [0, n).</exception>
    public static ImmutableArray<Hash256> InclusionPath(IReadOnlyList<Hash256> leafHashes, long leafIndex)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, leafHashes.Count);

        // Walk down from the root; each level contributes the hash of the subtree we do not descend into.
        var topDown = new List<Hash256>();
        var m = (int)leafIndex;
        var start = 0;
        var n = leafHashes.Count;
        while (n > 1)
        {
            var k = LargestPowerOfTwoBelow(n);
            if (m < k)
            {
                topDown.Add(RootOf(leafHashes, start + k, n - k));
                n = k;
            }
            else
            {
                topDown.Add(RootOf(leafHashes, start, k));
                m -= k;
                start += k;
                n -= k;
            }
        }

        topDown.Reverse();
        return [.. topDown];
    }

    /// <summary>The consistency proof PROOF(m, D[n]) between the first <paramref name="oldSize"/> leaves and all of them (§2.1.4.1).</summary>
    /// <remarks>When <paramref name="oldSize"/> equals n the proof is empty.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oldSize"/> is not in [1, n].</exception>
    public static ImmutableArray<Hash256> ConsistencyPath(IReadOnlyList<Hash256> leafHashes, long oldSize)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, leafHashes.Count);

        // SUBPROOF(m, D[n], b), unrolled: each level appends one subtree hash after the deeper part of the proof.
        var topDown = new List<Hash256>();
        var m = (int)oldSize;
        var start = 0;
        var n = leafHashes.Count;
        var isOldTreeWhole = true;
        while (m != n)
        {
            var k = LargestPowerOfTwoBelow(n);
            if (m <= k)
            {
                topDown.Add(RootOf(leafHashes, start + k, n - k));
                n = k;
            }
            else
            {
                topDown.Add(RootOf(leafHashes, start, k));
                m -= k;
                start += k;
                n -= k;
                isOldTreeWhole = false;
            }
        }

        var proof = ImmutableArray.CreateBuilder<Hash256>(topDown.Count + 1);
        if (!isOldTreeWhole)
        {
            proof.Add(RootOf(leafHashes, start, n));
        }

        topDown.Reverse();
        proof.AddRange(topDown);
        return proof.DrainToImmutable();
    }

    /// <summary>Checks an inclusion proof with the algorithm of §2.1.3.2.</summary>
    public static bool VerifyInclusion(Hash256 leafHash, long leafIndex, long treeSize, IReadOnlyList<Hash256> path, Hash256 root)
    {
        if (path is null || leafIndex < 0 || leafIndex >= treeSize)
        {
            return false;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r == root;
    }

    /// <summary>Checks a consistency proof with the algorithm of §2.1.4.2.</summary>
    /// <remarks>Equal sizes are consistent only with an empty proof and equal roots. <paramref name="oldSize"/> must be at least 1.</remarks>
    public static bool VerifyConsistency(long oldSize, long newSize, Hash256 oldRoot, Hash256 newRoot, IReadOnlyList<Hash256> path)
    {
        if (path is null || oldSize < 1 || oldSize > newSize)
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return path.Count == 0 && oldRoot == newRoot;
        }

        if (path.Count == 0)
        {
            return false;
        }

        // When the old tree is a perfect subtree its root is not in the proof; the algorithm starts from it instead.
        var index = 0;
        var fr = BitOperations.IsPow2(oldSize) ? oldRoot : path[index++];
        var sr = fr;
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        for (; index < path.Count; index++)
        {
            var c = path[index];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return fr == oldRoot && sr == newRoot && sn == 0;
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2).</summary>
    internal static int LargestPowerOfTwoBelow(int n) => 1 << (31 - BitOperations.LeadingZeroCount((uint)(n - 1)));

    private static Hash256 RootOf(IReadOnlyList<Hash256> leafHashes, int start, int count)
    {
        if (count == 0)
        {
            return EmptyRoot;
        }

        var frontier = new MerkleFrontier();
        for (var i = start; i < start + count; i++)
        {
            frontier.Append(leafHashes[i]);
        }

        return frontier.Root();
    }
}
