using System.Collections.Concurrent;
using System.Globalization;
using Flecs.Api.Hosting;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Flecs.Api.Access;

/// <summary>
/// Establishes the <see cref="Caller"/> of every request: from a signed request (verified against the player's key at
/// the current head), from a session token, or anonymous. A request that tries to authenticate and fails gets a 401
/// problem at once; it never falls back to anonymous.
/// </summary>
public sealed class CallerResolver
{
    private const string ItemKey = "flecs.caller";
    private readonly ILedgerNode _node;
    private readonly SessionStore _sessions;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Ed25519SignatureVerifier _verifier = new();
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly ChainIndex _index;
    private long _prunedMs;

    /// <summary>Creates the resolver.</summary>
    /// <param name="node">The node whose state holds the players and keys.</param>
    /// <param name="sessions">The session tokens.</param>
    /// <param name="time">The clock for the signing-time window.</param>
    /// <param name="window">How far a request's signing time may be from the node's clock.</param>
    /// <param name="index">Which passive players each representative signs for.</param>
    internal CallerResolver(ILedgerNode node, SessionStore sessions, TimeProvider time, TimeSpan window, ChainIndex index)
    {
        _node = node;
        _index = index;
        _sessions = sessions;
        _time = time;
        _window = window;
    }

    /// <summary>The caller established for <paramref name="context"/> (anonymous when none was).</summary>
    public static Caller Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var caller) && caller is Caller c ? c : Caller.Anonymous;
    }

    /// <summary>The caller of a player at the current head, with the passive players it represents.</summary>
    public Caller ForPlayer(PlayerRecord player)
    {
        ArgumentNullException.ThrowIfNull(player);
        return new Caller(player.Id, player.Role, player.CanRepresent ? _index.RepresentedBy(player.Id) : new HashSet<PlayerId>());
    }

    /// <summary>The middleware step: authenticates, stores the caller, or answers 401.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var resolved = await ResolveAsync(context).ConfigureAwait(false);
        if (!resolved.IsSuccess)
        {
            await Problems.Of(resolved.Error).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Items[ItemKey] = resolved.Value;
        await next(context).ConfigureAwait(false);
    }

    private async Task<Result<Caller>> ResolveAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var session = _sessions.Find(authorization["Bearer ".Length..].Trim());
            return session is { } s && Authorized(s.Player) is { PublicKey: { } current } record && current == s.Key
                ? ForPlayer(record)
                : Result<Caller>.Fail(ApiErrors.AuthBadToken, "The session token is unknown or expired, or its player is no longer authorized or has rotated its key.");
        }

        var playerHeader = headers[RequestSignature.PlayerHeader].ToString();
        var timeHeader = headers[RequestSignature.TimeHeader].ToString();
        var signatureHeader = headers[RequestSignature.SignatureHeader].ToString();
        if (playerHeader.Length == 0 && timeHeader.Length == 0 && signatureHeader.Length == 0)
        {
            return Caller.Anonymous;
        }

        if (!PlayerId.TryParse(playerHeader, out var playerId)
            || !long.TryParse(timeHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timeMs)
            || !TryBase64(signatureHeader, out var signature) || signature.Length != Ed25519Signer.SignatureLength)
        {
            return Result<Caller>.Fail(ApiErrors.AuthMalformed, $"A signed request needs {RequestSignature.PlayerHeader} (a player id), {RequestSignature.TimeHeader} (Unix milliseconds) and {RequestSignature.SignatureHeader} (a base64 Ed25519 signature).");
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (Math.Abs(now - timeMs) > (long)_window.TotalMilliseconds)
        {
            return Result<Caller>.Fail(ApiErrors.AuthStale, $"The request was signed at {timeMs} ms; the node's clock is {now} ms and accepts ±{(long)_window.TotalSeconds} s.");
        }

        if (Authorized(playerId) is not { PublicKey: { } key } signer)
        {
            return Result<Caller>.Fail(ApiErrors.AuthUnknownPlayer, $"'{playerId}' is not an authorized player with a key of its own.");
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Result<Caller>.Fail(ApiErrors.TooLarge, "The request body is larger than the node accepts.");
        }
        catch (InvalidDataException)
        {
            return Result<Caller>.Fail(ApiErrors.TooLarge, $"A signed request's body is at most {MaxSignedBody} bytes (transactions are signed themselves and need no signed request).");
        }

        var request = context.Request;
        // The target exactly as sent (not decoded and re-encoded), which is what the client signed.
        var pathAndQuery = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        var message = RequestSignature.Message(_node.Genesis.ChainId, request.Method, pathAndQuery, timeMs, body);
        if (!_verifier.Verify(key, message, signature))
        {
            return Result<Caller>.Fail(ApiErrors.AuthBadSignature, $"The signature does not verify with the current key of '{playerId}' over {request.Method} {pathAndQuery}.");
        }

        if (!Remember(Convert.ToHexString(signature), timeMs + (long)_window.TotalMilliseconds, now))
        {
            return Result<Caller>.Fail(ApiErrors.AuthReplayed, "This signed request was already used; sign each request anew.");
        }

        return ForPlayer(signer);
    }

    private PlayerRecord? Authorized(PlayerId id) =>
        _node.Chain.State.TryGet(PlayerRecord.StateKey(id), out var bytes) && PlayerRecord.Decode(bytes) is { Status: PlayerStatus.Authorized } record ? record : null;

    private bool Remember(string signature, long expiresMs, long nowMs)
    {
        // Pruned at most once a second: a full cache costs one scan per second, not one per request.
        if (_seen.Count > 10_000 && nowMs - Interlocked.Read(ref _prunedMs) > 1_000)
        {
            Interlocked.Exchange(ref _prunedMs, nowMs);
            foreach (var (key, expiry) in _seen)
            {
                if (expiry < nowMs)
                {
                    _seen.TryRemove(key, out _);
                }
            }
        }

        return _seen.TryAdd(signature, expiresMs);
    }

    /// <summary>The largest body of a signed request (reads and sessions have none; transactions carry their own signatures).</summary>
    public const int MaxSignedBody = 64 * 1024;

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        var canHaveBody = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody
            ?? (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0);
        if (!canHaveBody || request.ContentLength == 0)
        {
            return [];
        }

        if (request.ContentLength > MaxSignedBody)
        {
            throw new InvalidDataException("The signed request's body is too large.");
        }

        request.EnableBuffering(MaxSignedBody);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxSignedBody)
            {
                throw new InvalidDataException("The signed request's body is too large.");
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), request.HttpContext.RequestAborted).ConfigureAwait(false);
        }

        request.Body.Position = 0;
        return buffer.ToArray();
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
