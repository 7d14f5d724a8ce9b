using System.Collections.Concurrent;
using System.Security.Cryptography;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;

namespace Flecs.Api.Access;

/// <summary>Bearer tokens for browser sessions (the dashboard), each issued to a signed request and valid for a fixed time.</summary>
public sealed class SessionStore(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (PlayerId Player, Ed25519PublicKey Key, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);

    /// <summary>Open sessions (expired ones are dropped lazily).</summary>
    public int Count => _sessions.Count;

    /// <summary>Issues a new token for <paramref name="player"/>, bound to the key that signed the request (a rotated key ends it).</summary>
    public (string Token, DateTimeOffset Expires) Issue(PlayerId player, Ed25519PublicKey key)
    {
        Prune();
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expires = time.GetUtcNow() + lifetime;
        _sessions[token] = (player, key, expires);
        return (token, expires);
    }

    /// <summary>The player and key of a live token, or null.</summary>
    public (PlayerId Player, Ed25519PublicKey Key)? Find(string token)
    {
        if (_sessions.TryGetValue(token, out var session))
        {
            if (session.Expires > time.GetUtcNow())
            {
                return (session.Player, session.Key);
            }

            _sessions.TryRemove(token, out _);
        }

        return null;
    }

    private void Prune()
    {
        if (_sessions.Count < 256)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (token, session) in _sessions)
        {
            if (session.Expires <= now)
            {
                _sessions.TryRemove(token, out _);
            }
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
