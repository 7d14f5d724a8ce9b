using Flecs.Core.Identity;
using Flecs.Crypto.Merkle;

namespace Flecs.Crypto.Tests.Merkle;

/// <remarks>
/// The golden vectors are the RFC 6962 reference vectors used by Certificate Transparency implementations,
/// copied from transparency-dev/merkle, proof/verify_test.go (variables leaves, roots, inclusionProofs and
/// consistencyProofs; that file numbers leaves from 1, these tests from 0).
/// </remarks>
public sealed class MerkleTreeTests
{
    private static string[] LeafData { get; } =
    [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ];

    private static string[] Roots { get; } =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static Hash256[] LeafHashes { get; } = [.. LeafData.Select(h => MerkleTree.LeafHash(Convert.FromHexString(h)))];

    public static TheoryData<int, int, string[]> InclusionVectors => new()
    {
        { 0, 1, [] },
        {
            0, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        },
        {
            5, 8,
            [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        {
            1, 5,
            [
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        },
    };

    // The reference set's {1, 1, []} case is VerifyConsistency_EqualSizes_RequireEmptyPathAndEqualRoots.
    public static TheoryData<int, int, string[]> ConsistencyVectors => new()
    {
        {
            1, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        },
        {
            6, 8,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        },
        {
            2, 5,
            [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        },
        {
            6, 7,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        },
    };

    [Fact]
    public void EmptyRoot_IsSha256OfEmptyString()
    {
        Assert.Equal(Hash256.Parse("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), MerkleTree.EmptyRoot);
        Assert.Equal(MerkleTree.EmptyRoot, MerkleTree.Root([]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Root_ReferenceVectors_MatchKnownRoots(int size)
    {
        var root = MerkleTree.Root(LeafHashes[..size]);

        Assert.Equal(Hash256.Parse(Roots[size - 1]), root);
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void InclusionPath_ReferenceVectors_MatchKnownPathsAndVerify(int leafIndex, int treeSize, string[] expected)
    {
        var path = MerkleTree.InclusionPath(LeafHashes[..treeSize], leafIndex);

        Assert.Equal(expected.Select(Hash256.Parse), path);
        Assert.True(MerkleTree.VerifyInclusion(LeafHashes[leafIndex], leafIndex, treeSize, path, Hash256.Parse(Roots[treeSize - 1])));
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void ConsistencyPath_ReferenceVectors_MatchKnownPathsAndVerify(int oldSize, int newSize, string[] expected)
    {
        var path = MerkleTree.ConsistencyPath(LeafHashes[..newSize], oldSize);

        Assert.Equal(expected.Select(Hash256.Parse), path);
        Assert.True(MerkleTree.VerifyConsistency(oldSize, newSize, Hash256.Parse(Roots[oldSize - 1]), Hash256.Parse(Roots[newSize - 1]), path));
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void VerifyInclusion_CorruptedReferenceProofs_ReturnFalse(int leafIndex, int treeSize, string[] expected)
    {
        var path = expected.Select(Hash256.Parse).ToList();
        var root = Hash256.Parse(Roots[treeSize - 1]);
        var leaf = LeafHashes[leafIndex];

        Assert.False(MerkleTree.VerifyInclusion(leaf, leafIndex - 1, treeSize, path, root));
        Assert.False(MerkleTree.VerifyInclusion(leaf, leafIndex + 1, treeSize, path, root));
        Assert.False(MerkleTree.VerifyInclusion(leaf, leafIndex ^ 2, treeSize, path, root));
        Assert.False(MerkleTree.VerifyInclusion(leaf, leafIndex, treeSize * 2, path, root));
        Assert.False(MerkleTree.VerifyInclusion(leaf, leafIndex, treeSize / 2, path, root));
        Assert.False(MerkleTree.VerifyInclusion(MerkleTree.LeafHash("WrongLeaf"u8), leafIndex, treeSize, path, root));
        Assert.False(MerkleTree.VerifyInclusion(leaf, leafIndex, treeSize, path, MerkleTree.EmptyRoot));
        Assert.False(MerkleTree.VerifyInclusion(leaf, leafIndex, treeSize, [.. path, root], root));
        Assert.False(MerkleTree.VerifyInclusion(leaf, leafIndex, treeSize, [root, .. path], root));
        for (var i = 0; i < path.Count; i++)
        {
            Assert.False(MerkleTree.VerifyInclusion(leaf, leafIndex, treeSize, [.. path[..i], FlipBit(path[i]), .. path[(i + 1)..]], root));
        }

        if (path.Count > 0)
        {
            Assert.False(MerkleTree.VerifyInclusion(leaf, leafIndex, treeSize, path[..^1], root));
        }
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void VerifyConsistency_CorruptedReferenceProofs_ReturnFalse(int oldSize, int newSize, string[] expected)
    {
        var path = expected.Select(Hash256.Parse).ToList();
        var oldRoot = Hash256.Parse(Roots[oldSize - 1]);
        var newRoot = Hash256.Parse(Roots[newSize - 1]);

        Assert.False(MerkleTree.VerifyConsistency(oldSize - 1, newSize, oldRoot, newRoot, path));
        Assert.False(MerkleTree.VerifyConsistency(oldSize + 1, newSize, oldRoot, newRoot, path));
        Assert.False(MerkleTree.VerifyConsistency(oldSize ^ 2, newSize, oldRoot, newRoot, path));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize * 2, oldRoot, newRoot, path));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize / 2, oldRoot, newRoot, path));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, FlipBit(oldRoot), newRoot, path));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, FlipBit(newRoot), path));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, newRoot, oldRoot, path));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, []));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. path, oldRoot]));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. path, newRoot]));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [oldRoot, .. path]));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [newRoot, .. path]));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [path[0], .. path]));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, path[..^1]));
        for (var i = 0; i < path.Count; i++)
        {
            Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. path[..i], FlipBit(path[i]), .. path[(i + 1)..]]));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, -1)]
    [InlineData(1, 1)]
    [InlineData(3, -1)]
    [InlineData(3, 3)]
    [InlineData(3, long.MaxValue)]
    public void InclusionPath_IndexOutsideTree_Throws(int treeSize, long leafIndex)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.InclusionPath(LeafHashes[..treeSize], leafIndex));
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(3, -1)]
    [InlineData(3, 4)]
    [InlineData(0, 0)]
    public void ConsistencyPath_OldSizeOutsideRange_Throws(int treeSize, long oldSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.ConsistencyPath(LeafHashes[..treeSize], oldSize));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(-1, 1)]
    [InlineData(long.MaxValue, long.MaxValue)]
    [InlineData(0, long.MaxValue)]
    public void VerifyInclusion_BadIndexOrSize_ReturnsFalse(long leafIndex, long treeSize)
    {
        Assert.False(MerkleTree.VerifyInclusion(LeafHashes[0], leafIndex, treeSize, [], LeafHashes[0]));
        Assert.False(MerkleTree.VerifyInclusion(LeafHashes[0], leafIndex, treeSize, [.. LeafHashes], LeafHashes[0]));
    }

    [Fact]
    public void VerifyInclusion_NullPath_ReturnsFalse()
    {
        Assert.False(MerkleTree.VerifyInclusion(LeafHashes[0], 0, 1, null!, LeafHashes[0]));
    }

    [Fact]
    public void VerifyInclusion_SingleLeafTree_RootIsLeafAndPathIsEmpty()
    {
        Assert.True(MerkleTree.VerifyInclusion(LeafHashes[3], 0, 1, [], LeafHashes[3]));
        Assert.False(MerkleTree.VerifyInclusion(LeafHashes[3], 0, 1, [], LeafHashes[4]));
    }

    [Fact]
    public void VerifyConsistency_EqualSizes_RequireEmptyPathAndEqualRoots()
    {
        var root = Hash256.Parse(Roots[4]);

        Assert.Empty(MerkleTree.ConsistencyPath(LeafHashes[..5], 5));
        Assert.Empty(MerkleTree.ConsistencyPath(LeafHashes[..1], 1));
        Assert.True(MerkleTree.VerifyConsistency(5, 5, root, root, []));
        Assert.False(MerkleTree.VerifyConsistency(5, 5, root, FlipBit(root), []));
        Assert.False(MerkleTree.VerifyConsistency(5, 5, root, root, [root]));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(-1, 3)]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    [InlineData(long.MaxValue - 1, long.MaxValue)]
    public void VerifyConsistency_BadSizes_ReturnFalse(long oldSize, long newSize)
    {
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, LeafHashes[0], LeafHashes[0], []));
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, LeafHashes[0], LeafHashes[1], [.. LeafHashes]));
    }

    [Fact]
    public void VerifyConsistency_NullPath_ReturnsFalse()
    {
        Assert.False(MerkleTree.VerifyConsistency(1, 2, LeafHashes[0], LeafHashes[1], null!));
    }

    [Fact]
    public void Root_MillionLeaves_MatchesSpecification()
    {
        var leaves = new Hash256[1_000_003];
        var bytes = new byte[Hash256.Length];
        for (var i = 0; i < leaves.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes, i);
            leaves[i] = new Hash256(bytes);
        }

        var root = MerkleTree.Root(leaves);

        Assert.Equal(ReferenceMerkle.Mth(leaves), root);
    }

    [Fact]
    public void NodeHash_IsSha256OfPrefixedChildren()
    {
        var node = MerkleTree.NodeHash(LeafHashes[0], LeafHashes[1]);

        Assert.Equal(Hash256.Parse(Roots[1]), node);
    }

    [Fact]
    public void LeafHash_IsSha256OfZeroPrefixedData()
    {
        Assert.Equal(Hash256.Parse(Roots[0]), MerkleTree.LeafHash([]));
    }

    internal static Hash256 FlipBit(Hash256 hash)
    {
        var bytes = hash.ToArray();
        bytes[0] ^= 0x10;
        return new Hash256(bytes);
    }
}
