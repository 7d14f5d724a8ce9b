using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;

namespace Flecs.Testing;

/// <summary>A player id with the key that signs for it.</summary>
/// <remarks>The signer is never disposed: test keys are cheap and live for the test run.</remarks>
public sealed class TestPlayer
{
    /// <summary>Creates a player from an id and a signer.</summary>
    public TestPlayer(PlayerId id, Ed25519Signer signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        Id = id;
        Signer = signer;
    }

    /// <summary>The player id.</summary>
    public PlayerId Id { get; }

    /// <summary>The signing key.</summary>
    public Ed25519Signer Signer { get; }

    /// <summary>The public key.</summary>
    public Ed25519PublicKey PublicKey => Signer.PublicKey;

    /// <summary>A player whose key is derived from its id (<see cref="TestKeys.ForName"/>).</summary>
    public static TestPlayer Named(string id) => new(PlayerId.Parse(id), TestKeys.ForName(id));

    /// <summary>The same id with another key derived from <paramref name="keyName"/> (for key rotation and forgeries).</summary>
    public TestPlayer WithKey(string keyName) => new(Id, TestKeys.ForName(keyName));

    /// <inheritdoc/>
    public override string ToString() => Id.Value;
}
