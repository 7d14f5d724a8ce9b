using System.Collections.Immutable;
using System.Numerics;
using Flecs.Core.Identity;

namespace Flecs.Crypto.Merkle;

/// <summary>An append-only Merkle tree that keeps only what it needs to compute its root: the roots of its perfect subtrees.</summary>
/// <remarks>
/// A tree of n leaves splits into one perfect subtree per set bit of n, largest (leftmost) first, so the
/// frontier holds at most 64 hashes. <see cref="Append"/> is amortised O(1) and <see cref="Root"/> is O(log n);
/// the root always equals <see cref="MerkleTree.Root"/> of all appended leaves. Not thread-safe.
/// </remarks>
public sealed class MerkleFrontier
{
    private readonly List<Hash256> _nodes;

    /// <summary>Creates an empty frontier.</summary>
    public MerkleFrontier()
        : this(0, [])
    {
    }

    private MerkleFrontier(long count, List<Hash256> nodes)
    {
        Count = count;
        _nodes = nodes;
    }

    /// <summary>The number of leaves appended so far.</summary>
    public long Count { get; private set; }

    /// <summary>Restores a frontier saved with <see cref="ToNodes"/>.</summary>
    /// <param name="count">The number of leaves.</param>
    /// <param name="nodes">The perfect-subtree roots, left to right: one per set bit of <paramref name="count"/>.</param>
    /// <exception cref="ArgumentException">The number of nodes does not match <paramref name="count"/>.</exception>
    public static MerkleFrontier FromNodes(long count, IReadOnlyList<Hash256> nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count != BitOperations.PopCount((ulong)count))
        {
            throw new ArgumentException($"A frontier of {count} leaves has {BitOperations.PopCount((ulong)count)} nodes; got {nodes.Count}.", nameof(nodes));
        }

        return new MerkleFrontier(count, [.. nodes]);
    }

    /// <summary>Appends a leaf hash (see <see cref="MerkleTree.LeafHash"/>).</summary>
    public void Append(Hash256 leafHash)
    {
        // Each trailing one bit of the old count is a perfect subtree of the new leaf's size; merge them bottom up.
        var node = leafHash;
        for (var size = Count; (size & 1) == 1; size >>= 1)
        {
            node = MerkleTree.NodeHash(_nodes[^1], node);
            _nodes.RemoveAt(_nodes.Count - 1);
        }

        _nodes.Add(node);
        Count = checked(Count + 1);
    }

    /// <summary>The Merkle tree hash of all appended leaves; <see cref="MerkleTree.EmptyRoot"/> when there are none.</summary>
    public Hash256 Root()
    {
        if (_nodes.Count == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var root = _nodes[^1];
        for (var i = _nodes.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(_nodes[i], root);
        }

        return root;
    }

    /// <summary>The perfect-subtree roots, left to right, for persisting with <see cref="Count"/>.</summary>
    public ImmutableArray<Hash256> ToNodes() => [.. _nodes];

    /// <summary>An independent copy.</summary>
    public MerkleFrontier Clone() => new(Count, [.. _nodes]);
}
