using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Registry;

/// <summary>Payload of <c>rotate-key</c> and <c>add-validator</c>: <c>[id, key]</c>.</summary>
/// <param name="Id">The player or validator.</param>
/// <param name="PublicKey">Its new key.</param>
public sealed record PlayerKeyPayload(PlayerId Id, Ed25519PublicKey PublicKey)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(2);
        w.WritePlayerId(Id);
        w.WritePublicKey(PublicKey);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static PlayerKeyPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(2);
        var id = r.ReadPlayerId();
        var key = r.ReadPublicKey();
        r.ReadEndOfValue();
        return new PlayerKeyPayload(id, key);
    }
}
