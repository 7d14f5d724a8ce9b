using System.Collections.Concurrent;
using System.Security.Cryptography;
using Flecs.Core.Identity;

namespace Flecs.Api.Access;

/// <summary>Bearer tokens for browser sessions (the dashboard), each issued to a signed request and valid for a fixed time.</summary>
public sealed class SessionStore(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (PlayerId Player, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);

    /// <summary>Open sessions (expired ones are dropped lazily).</summary>
    public int Count => _sessions.Count;

    /// <summary>Issues a new token for <paramref name="player"/>.</summary>
    public (string Token, DateTimeOffset Expires) Issue(PlayerId player)
    {
        Prune();
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expires = time.GetUtcNow() + lifetime;
        _sessions[token] = (player, expires);
        return (token, expires);
    }

    /// <summary>The player of a live token, or null.</summary>
    public PlayerId? Find(string token)
    {
        if (_sessions.TryGetValue(token, out var session))
        {
            if (session.Expires > time.GetUtcNow())
            {
                return session.Player;
            }

            _sessions.TryRemove(token, out _);
        }

        return null;
    }

    private void Prune()
    {
        if (_sessions.Count < 1_000)
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
