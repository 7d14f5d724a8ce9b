using Flecs.Crypto.Signatures;

namespace Flecs.Crypto.Tests.Signatures;

public sealed class Ed25519SignerTests
{
    // RFC 8032 §7.1, TEST 1.
    internal const string Rfc8032Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    internal const string Rfc8032PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Rfc8032EmptyMessageSignature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    [Fact]
    public void FromSeed_Rfc8032Test1_GivesKnownPublicKeyAndSignature()
    {
        using var signer = Ed25519Signer.FromSeed(Convert.FromHexString(Rfc8032Seed));

        var signature = signer.Sign([]);

        Assert.Equal(Rfc8032PublicKey, signer.PublicKey.ToString());
        Assert.Equal(Rfc8032EmptyMessageSignature, Convert.ToHexStringLower(signature));
    }

    [Fact]
    public void Sign_IntoSpan_EqualsSignReturningArray()
    {
        using var signer = Ed25519Signer.FromSeed(Convert.FromHexString(Rfc8032Seed));
        var signature = new byte[Ed25519Signer.SignatureLength];

        signer.Sign("flecs"u8, signature);

        Assert.Equal(signer.Sign("flecs"u8), signature);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    public void Sign_IntoWrongSizeBuffer_Throws(int length)
    {
        using var signer = Ed25519Signer.Generate();

        Assert.Throws<ArgumentException>(() => signer.Sign("flecs"u8, new byte[length]));
    }

    [Fact]
    public void ExportSeed_FromSeedOfExport_RecreatesSameKey()
    {
        using var signer = Ed25519Signer.Generate();

        using var copy = Ed25519Signer.FromSeed(signer.ExportSeed());

        Assert.Equal(32, signer.ExportSeed().Length);
        Assert.Equal(signer.PublicKey, copy.PublicKey);
        Assert.Equal(signer.Sign("m"u8), copy.Sign("m"u8));
    }

    [Fact]
    public void Generate_TwoKeys_Differ()
    {
        using var first = Ed25519Signer.Generate();
        using var second = Ed25519Signer.Generate();

        Assert.NotEqual(first.PublicKey, second.PublicKey);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void FromSeed_WrongLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => Ed25519Signer.FromSeed(new byte[length]));
    }

    [Fact]
    public void Sign_AfterDispose_Throws()
    {
        var signer = Ed25519Signer.Generate();
        signer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => signer.Sign("m"u8));
    }
}
