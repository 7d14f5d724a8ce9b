using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.Players;

namespace Flecs.Ledger.Registry;

/// <summary>Payload of <c>register-player</c>: <c>[id, role, mode, key | null, representative | null]</c>.</summary>
/// <param name="Id">The new player's id.</param>
/// <param name="Role">Its role.</param>
/// <param name="Mode">Active (with <paramref name="PublicKey"/>) or passive (with <paramref name="Representative"/>).</param>
/// <param name="PublicKey">The active player's key.</param>
/// <param name="Representative">The passive player's TradCo or AggCo.</param>
public sealed record RegisterPlayerPayload(PlayerId Id, PlayerRole Role, PlayerMode Mode, Ed25519PublicKey? PublicKey, PlayerId? Representative)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(5);
        w.WritePlayerId(Id);
        w.WriteInt32((int)Role);
        w.WriteInt32((int)Mode);
        w.WriteOptionalPublicKey(PublicKey);
        w.WriteOptionalPlayerId(Representative);

        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static RegisterPlayerPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(5);
        var id = r.ReadPlayerId();
        var role = (PlayerRole)r.ReadInt32();
        var mode = (PlayerMode)r.ReadInt32();
        var key = r.ReadOptionalPublicKey();
        var representative = r.ReadOptionalPlayerId();

        r.ReadEndOfValue();
        return new RegisterPlayerPayload(id, role, mode, key, representative);
    }
}
