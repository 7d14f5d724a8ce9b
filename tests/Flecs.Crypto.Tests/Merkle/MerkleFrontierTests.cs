using CsCheck;
using Flecs.Core.Identity;
using Flecs.Crypto.Merkle;

namespace Flecs.Crypto.Tests.Merkle;

public sealed class MerkleFrontierTests
{
    [Fact]
    public void Root_Empty_IsEmptyRoot()
    {
        var frontier = new MerkleFrontier();

        Assert.Equal(0, frontier.Count);
        Assert.Equal(MerkleTree.EmptyRoot, frontier.Root());
        Assert.Empty(frontier.ToNodes());
    }

    [Fact]
    public void Root_EveryPrefix_EqualsMerkleTreeRoot()
    {
        MerkleTreePropertyTests.Leaves.Sample(leaves =>
        {
            var frontier = new MerkleFrontier();
            for (var i = 0; i < leaves.Length; i++)
            {
                frontier.Append(leaves[i]);
                Assert.Equal(i + 1, frontier.Count);
                Assert.Equal(MerkleTree.Root(leaves[..(i + 1)]), frontier.Root());
            }
        }, iter: 25);
    }

    [Fact]
    public void FromNodes_ToNodesOfAnyFrontier_RestoresItsRootAndGrowth()
    {
        Gen.Select(MerkleTreePropertyTests.Leaves, Gen.Int[0, 300]).Sample((leaves, split) =>
        {
            split = Math.Min(split, leaves.Length);
            var original = new MerkleFrontier();
            foreach (var leaf in leaves[..split])
            {
                original.Append(leaf);
            }

            var restored = MerkleFrontier.FromNodes(original.Count, original.ToNodes());
            foreach (var leaf in leaves[split..])
            {
                original.Append(leaf);
                restored.Append(leaf);
            }

            Assert.Equal(original.Count, restored.Count);
            Assert.Equal(original.ToNodes(), restored.ToNodes());
            Assert.Equal(MerkleTree.Root(leaves), restored.Root());
        });
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(5, 1)]
    [InlineData(5, 3)]
    [InlineData(7, 2)]
    public void FromNodes_NodeCountNotPopCountOfCount_Throws(long count, int nodeCount)
    {
        var nodes = Enumerable.Repeat(MerkleTree.EmptyRoot, nodeCount).ToList();

        Assert.Throws<ArgumentException>(() => MerkleFrontier.FromNodes(count, nodes));
    }

    [Fact]
    public void FromNodes_NegativeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleFrontier.FromNodes(-1, []));
    }

    [Fact]
    public void ToNodes_SevenLeaves_ArePerfectSubtreeRootsLeftToRight()
    {
        var leaves = Enumerable.Range(0, 7).Select(i => MerkleTree.LeafHash([(byte)i])).ToArray();
        var frontier = new MerkleFrontier();
        foreach (var leaf in leaves)
        {
            frontier.Append(leaf);
        }

        Assert.Equal<Hash256>([MerkleTree.Root(leaves[..4]), MerkleTree.Root(leaves[4..6]), leaves[6]], frontier.ToNodes());
    }

    [Fact]
    public void Clone_ThenAppend_LeavesOriginalUnchanged()
    {
        var frontier = new MerkleFrontier();
        frontier.Append(MerkleTree.LeafHash([1]));
        var rootBefore = frontier.Root();

        var clone = frontier.Clone();
        clone.Append(MerkleTree.LeafHash([2]));

        Assert.Equal(1, frontier.Count);
        Assert.Equal(rootBefore, frontier.Root());
        Assert.Equal(2, clone.Count);
        Assert.NotEqual(rootBefore, clone.Root());
    }
}
