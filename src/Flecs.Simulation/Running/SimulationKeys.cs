using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Flecs.Crypto.Signatures;

namespace Flecs.Simulation.Running;

/// <summary>
/// The simulation's keys, derived from the seed: <c>seed32 = SHA-256("FLECS/simulation-key/v1\0" ‖ seed (int64 BE) ‖ name)</c>.
/// Equal seeds give equal keys, so equal chains. These are test keys of a simulated district, public by construction:
/// never use a simulation's data directory for real players.
/// </summary>
internal sealed class SimulationKeys(long seed) : IDisposable
{
    private readonly Dictionary<string, Ed25519Signer> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The key named <paramref name="name"/> (a player id, <c>meter:&lt;id&gt;</c> or <c>gateway:&lt;id&gt;</c>).</summary>
    public Ed25519Signer Get(string name)
    {
        lock (_lock)
        {
            if (!_keys.TryGetValue(name, out var key))
            {
                key = Derive(seed, name);
                _keys.Add(name, key);
            }

            return key;
        }
    }

    /// <summary>Derives a key without caching it (the caller owns it).</summary>
    public static Ed25519Signer Derive(long seed, string name)
    {
        var prefix = "FLECS/simulation-key/v1\0"u8;
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[prefix.Length + 8 + nameBytes.Length];
        prefix.CopyTo(input);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(prefix.Length), seed);
        nameBytes.CopyTo(input.AsSpan(prefix.Length + 8));
        return Ed25519Signer.FromSeed(SHA256.HashData(input));
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _keys.Clear();
    }
}
