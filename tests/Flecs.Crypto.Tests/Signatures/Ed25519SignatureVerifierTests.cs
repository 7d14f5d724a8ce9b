using System.Security.Cryptography;
using Flecs.Crypto.Signatures;

namespace Flecs.Crypto.Tests.Signatures;

public sealed class Ed25519SignatureVerifierTests
{
    private readonly Ed25519SignatureVerifier _verifier = new();

    [Fact]
    public void Verify_SignatureFromSigner_ReturnsTrue()
    {
        using var signer = Ed25519Signer.Generate();
        var signature = signer.Sign("deliver 5 kWh"u8);

        Assert.True(_verifier.Verify(signer.PublicKey, "deliver 5 kWh"u8, signature));
    }

    [Fact]
    public void Verify_Rfc8032Test1_ReturnsTrue()
    {
        var key = Ed25519PublicKey.Parse(Ed25519SignerTests.Rfc8032PublicKey);
        var signature = Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        Assert.True(_verifier.Verify(key, [], signature));
    }

    [Fact]
    public void Verify_TamperedMessage_ReturnsFalse()
    {
        using var signer = Ed25519Signer.Generate();
        var signature = signer.Sign("deliver 5 kWh"u8);

        Assert.False(_verifier.Verify(signer.PublicKey, "deliver 6 kWh"u8, signature));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(63)]
    public void Verify_TamperedSignature_ReturnsFalse(int byteIndex)
    {
        using var signer = Ed25519Signer.Generate();
        var signature = signer.Sign("m"u8);
        signature[byteIndex] ^= 0x01;

        Assert.False(_verifier.Verify(signer.PublicKey, "m"u8, signature));
    }

    [Fact]
    public void Verify_OtherSignersKey_ReturnsFalse()
    {
        using var signer = Ed25519Signer.Generate();
        using var other = Ed25519Signer.Generate();

        Assert.False(_verifier.Verify(other.PublicKey, "m"u8, signer.Sign("m"u8)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(128)]
    public void Verify_WrongLengthSignature_ReturnsFalse(int length)
    {
        using var signer = Ed25519Signer.Generate();
        var signature = new byte[length];
        signer.Sign("m"u8).AsSpan(0, Math.Min(64, length)).CopyTo(signature);

        Assert.False(_verifier.Verify(signer.PublicKey, "m"u8, signature));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    public void Verify_InvalidOrSmallOrderKey_ReturnsFalseWithoutThrowing(string keyHex)
    {
        var key = Ed25519PublicKey.Parse(keyHex);
        // R = the identity point, S = 0: the classic forgery that is "valid" for any message under a small-order key.
        var forged = new byte[64];
        forged[0] = 0x01;

        Assert.False(_verifier.Verify(key, "m"u8, forged));
        Assert.False(_verifier.Verify(key, "m"u8, forged));
    }

    [Fact]
    public void Verify_MoreKeysThanCacheHolds_StaysBoundedAndCorrect()
    {
        using var signer = Ed25519Signer.Generate();
        var signature = signer.Sign("m"u8);

        for (var i = 0; i < Ed25519SignatureVerifier.MaxCachedKeys + 10; i++)
        {
            var key = new Ed25519PublicKey(SHA256.HashData(BitConverter.GetBytes(i)));
            Assert.False(_verifier.Verify(key, "m"u8, signature));
            Assert.True(_verifier.Verify(signer.PublicKey, "m"u8, signature));
        }

        Assert.InRange(_verifier.CachedKeyCount, 1, Ed25519SignatureVerifier.MaxCachedKeys);
    }

    [Fact]
    public void Verify_ManyThreadsSharingOneVerifier_AllResultsCorrect()
    {
        var signers = Enumerable.Range(0, 16).Select(_ => Ed25519Signer.Generate()).ToArray();
        try
        {
            var messages = Enumerable.Range(0, 2_000).Select(BitConverter.GetBytes).ToArray();
            var signatures = messages.Select((m, i) => signers[i % signers.Length].Sign(m)).ToArray();
            var failures = 0;

            Parallel.For(0, messages.Length, i =>
            {
                var key = signers[i % signers.Length].PublicKey;
                var wrongKey = signers[(i + 1) % signers.Length].PublicKey;
                if (!_verifier.Verify(key, messages[i], signatures[i]) || _verifier.Verify(wrongKey, messages[i], signatures[i]))
                {
                    Interlocked.Increment(ref failures);
                }
            });

            Assert.Equal(0, failures);
        }
        finally
        {
            foreach (var signer in signers)
            {
                signer.Dispose();
            }
        }
    }
}
