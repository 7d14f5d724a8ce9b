using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;

namespace Flecs.Api.Access;

/// <summary>An <see cref="HttpClient"/> handler that signs every request as <paramref name="player"/> (docs/api.md#signed-requests).</summary>
/// <remarks>
/// Each request gets a later signing time than the one before it (by a millisecond when the clock has not moved), so two
/// identical requests sent within one millisecond — a retry, a second fetch — are not refused by the node as replays.
/// </remarks>
/// <param name="chainId">The chain the node serves.</param>
/// <param name="player">The signing player.</param>
/// <param name="signer">The player's ledger key.</param>
/// <param name="time">The clock for the signing time.</param>
/// <param name="inner">The handler that sends (default: a new <see cref="HttpClientHandler"/>).</param>
public sealed class SignedRequestHandler(string chainId, PlayerId player, ISigner signer, TimeProvider time, HttpMessageHandler? inner = null) : DelegatingHandler(inner ?? new HttpClientHandler())
{
    private long _lastTimeMs;

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var pathAndQuery = uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
        foreach (var (name, value) in RequestSignature.Headers(chainId, player, signer, request.Method.Method, pathAndQuery, NextTimeMs(), body))
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private long NextTimeMs()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Interlocked.Read(ref _lastTimeMs);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _lastTimeMs, next, last) == last)
            {
                return next;
            }
        }
    }
}
