using System.Security.Cryptography;
using System.Text;
using Flecs.Crypto.Signatures;

namespace Flecs.Testing;

/// <summary>Deterministic Ed25519 keys, so that every signature a test makes is reproducible (Ed25519 signing is deterministic).</summary>
public static class TestKeys
{
    /// <summary>The seed byte of the Supervising Authority's root key in test genesis documents.</summary>
    public const byte SupervisingAuthoritySeed = 0x01;

    /// <summary>A signer whose 32-byte seed is <paramref name="seedByte"/> repeated.</summary>
    public static Ed25519Signer FromSeedByte(byte seedByte)
    {
        Span<byte> seed = stackalloc byte[32];
        seed.Fill(seedByte);
        return Ed25519Signer.FromSeed(seed);
    }

    /// <summary>A signer whose seed is SHA-256 of <c>"flecs-test-key/" + name</c>: one stable key per name.</summary>
    public static Ed25519Signer ForName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Ed25519Signer.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes("flecs-test-key/" + name)));
    }

    /// <summary>The key of genesis validator <paramref name="number"/> (1-based): seed byte <c>1 + number</c>.</summary>
    public static Ed25519Signer Validator(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 200);
        return FromSeedByte((byte)(SupervisingAuthoritySeed + number));
    }
}
