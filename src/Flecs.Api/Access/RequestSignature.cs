using System.Globalization;
using System.Security.Cryptography;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Encoding;

namespace Flecs.Api.Access;

/// <summary>
/// A signed API request (docs/api.md#signed-requests): the player signs
/// <c>"FLECS/api/v1\0" ‖ CBOR [chainId, method, pathAndQuery, timeMs, SHA-256(body)]</c> with its ledger key and sends
/// the player id, the time and the signature in <see cref="PlayerHeader"/>, <see cref="TimeHeader"/> and
/// <see cref="SignatureHeader"/>.
/// </summary>
public static class RequestSignature
{
    /// <summary>The header naming the signing player.</summary>
    public const string PlayerHeader = "X-Flecs-Player";

    /// <summary>The header with the signing time, Unix milliseconds.</summary>
    public const string TimeHeader = "X-Flecs-Time";

    /// <summary>The header with the Ed25519 signature, base64.</summary>
    public const string SignatureHeader = "X-Flecs-Signature";

    /// <summary>The domain prefix of a signed request.</summary>
    public static ReadOnlySpan<byte> Domain => "FLECS/api/v1\0"u8;

    /// <summary>The bytes a request's signature covers.</summary>
    /// <param name="chainId">The chain id (a signature for one chain is void on another).</param>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="pathAndQuery">The path and query exactly as sent (e.g. <c>/api/v1/players?x=1</c>).</param>
    /// <param name="timeMs">The signing time, Unix milliseconds.</param>
    /// <param name="body">The request body (empty for GET).</param>
    public static byte[] Message(string chainId, string method, string pathAndQuery, long timeMs, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var w = Cbor.NewWriter();
        w.WriteStartArray(5);
        w.WriteTextString(chainId);
        w.WriteTextString(method.ToUpperInvariant());
        w.WriteTextString(pathAndQuery);
        w.WriteInt64(timeMs);
        w.WriteByteString(SHA256.HashData(body));
        w.WriteEndArray();
        var encoded = w.Encode();
        var message = new byte[Domain.Length + encoded.Length];
        Domain.CopyTo(message);
        encoded.CopyTo(message.AsSpan(Domain.Length));
        return message;
    }

    /// <summary>The three headers that sign a request.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(string chainId, PlayerId player, ISigner signer, string method, string pathAndQuery, long timeMs, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = signer.Sign(Message(chainId, method, pathAndQuery, timeMs, body));
        return
        [
            new(PlayerHeader, player.Value),
            new(TimeHeader, timeMs.ToString(CultureInfo.InvariantCulture)),
            new(SignatureHeader, Convert.ToBase64String(signature)),
        ];
    }
}
