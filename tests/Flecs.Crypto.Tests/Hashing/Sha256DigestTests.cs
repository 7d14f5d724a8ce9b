using System.Text;
using CsCheck;
using Flecs.Core.Identity;
using Flecs.Crypto.Hashing;

namespace Flecs.Crypto.Tests.Hashing;

public sealed class Sha256DigestTests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Hash_FipsExamples_MatchKnownDigests(string text, string expected)
    {
        var hash = Sha256Digest.Hash(Encoding.ASCII.GetBytes(text));

        Assert.Equal(Hash256.Parse(expected), hash);
    }

    [Fact]
    public void Hash_WithDomain_EqualsHashOfConcatenation()
    {
        Gen.Select(Gen.Byte.Array[0, 40], Gen.Byte.Array[0, 300])
            .Sample((domain, data) => Sha256Digest.Hash(domain, data) == Sha256Digest.Hash([.. domain, .. data]));
    }

    [Fact]
    public void Hash_DifferentDomains_DifferentDigests()
    {
        var data = "payload"u8;

        Assert.NotEqual(Sha256Digest.Hash("flecs.tx"u8, data), Sha256Digest.Hash("flecs.block"u8, data));
    }
}
