using Flecs.Crypto.Signatures;

namespace Flecs.Crypto.Tests.Signatures;

public sealed class Ed25519PublicKeyTests
{
    private const string Hex = Ed25519SignerTests.Rfc8032PublicKey;

    [Fact]
    public void Equals_SameBytesFromDifferentArrays_AreEqualWithSameHashCode()
    {
        var first = new Ed25519PublicKey(Convert.FromHexString(Hex));
        var second = new Ed25519PublicKey(Convert.FromHexString(Hex));

        Assert.Equal(first, second);
        Assert.True(first == second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Single(new HashSet<Ed25519PublicKey> { first, second });
    }

    [Fact]
    public void Equals_DifferentLastByte_AreNotEqual()
    {
        var bytes = Convert.FromHexString(Hex);
        var first = new Ed25519PublicKey(bytes);
        bytes[^1] ^= 1;

        Assert.NotEqual(first, new Ed25519PublicKey(bytes));
    }

    [Fact]
    public void Constructor_CopiesTheBytes()
    {
        var bytes = Convert.FromHexString(Hex);
        var key = new Ed25519PublicKey(bytes);

        bytes[0] ^= 1;

        Assert.Equal(Hex, key.ToString());
    }

    [Fact]
    public void ParseToString_RoundTrips_AsLowerHex()
    {
        var key = Ed25519PublicKey.Parse(Hex.ToUpperInvariant());

        Assert.Equal(Hex, key.ToString());
        Assert.Equal(Convert.FromHexString(Hex), key.ToArray());
        Assert.Equal(Convert.FromHexString(Hex), key.AsSpan().ToArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("d75a")]
    [InlineData("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511")]
    [InlineData("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a00")]
    [InlineData("x75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")]
    public void TryParse_NotSixtyFourHexDigits_ReturnsFalse(string? text)
    {
        Assert.False(Ed25519PublicKey.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => Ed25519PublicKey.Parse("nope"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Constructor_WrongLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => new Ed25519PublicKey(new byte[length]));
    }
}
