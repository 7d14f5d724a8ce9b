using CsCheck;
using Flecs.Core.Identity;
using Flecs.Crypto.Merkle;

namespace Flecs.Crypto.Tests.Merkle;

public sealed class MerkleTreePropertyTests
{
    // Checking every leaf and every old size is quadratic in the tree size, so these properties take fewer samples.
    private const long Iterations = 25;

    // Each leaf's data starts with its index, so no two leaves collide and a wrong index can never verify by accident.
    internal static Gen<Hash256[]> Leaves { get; } =
        Gen.Byte.Array[0, 24].Array[1, 300].Select(data => data.Select((d, i) => MerkleTree.LeafHash([.. BitConverter.GetBytes(i), .. d])).ToArray());

    [Fact]
    public void InclusionPath_EveryLeaf_MatchesSpecificationAndVerifies()
    {
        Leaves.Sample(leaves =>
        {
            var n = leaves.Length;
            var root = MerkleTree.Root(leaves);
            Assert.Equal(ReferenceMerkle.Mth(leaves), root);
            for (var i = 0; i < n; i++)
            {
                var path = MerkleTree.InclusionPath(leaves, i);
                Assert.Equal(ReferenceMerkle.Path(i, leaves), path);
                Assert.True(MerkleTree.VerifyInclusion(leaves[i], i, n, path, root));
                Assert.False(MerkleTree.VerifyInclusion(MerkleTreeTests.FlipBit(leaves[i]), i, n, path, root));
                Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, n, path, MerkleTreeTests.FlipBit(root)));
                if (n > 1)
                {
                    var otherIndex = i + 1 < n ? i + 1 : i - 1;
                    Assert.False(MerkleTree.VerifyInclusion(leaves[i], otherIndex, n, path, root));
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void ConsistencyPath_EveryOldSize_MatchesSpecificationAndVerifies()
    {
        Leaves.Sample(leaves =>
        {
            var n = leaves.Length;
            var newRoot = MerkleTree.Root(leaves);
            for (var m = 1; m <= n; m++)
            {
                var oldRoot = MerkleTree.Root(leaves[..m]);
                var path = MerkleTree.ConsistencyPath(leaves, m);
                Assert.Equal(ReferenceMerkle.Proof(m, leaves), path);
                Assert.True(MerkleTree.VerifyConsistency(m, n, oldRoot, newRoot, path));
                Assert.False(MerkleTree.VerifyConsistency(m, n, oldRoot, MerkleTreeTests.FlipBit(newRoot), path));
                Assert.False(MerkleTree.VerifyConsistency(m, n, MerkleTreeTests.FlipBit(oldRoot), newRoot, path));
                if (path.Length > 0)
                {
                    Assert.False(MerkleTree.VerifyConsistency(m, n, oldRoot, newRoot, path.SetItem(0, MerkleTreeTests.FlipBit(path[0]))));
                }
            }
        }, iter: Iterations);
    }
}
