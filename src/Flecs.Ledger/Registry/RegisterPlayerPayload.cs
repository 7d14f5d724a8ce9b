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
        if (PublicKey is { } key)
        {
            w.WritePublicKey(key);
        }
        else
        {
            w.WriteNull();
        }

        if (Representative is { } representative)
        {
            w.WritePlayerId(representative);
        }
        else
        {
            w.WriteNull();
        }

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
        Ed25519PublicKey? key = null;
        if (r.PeekState() == CborReaderState.Null)
        {
            r.ReadNull();
        }
        else
        {
            key = r.ReadPublicKey();
        }

        PlayerId? representative = null;
        if (r.PeekState() == CborReaderState.Null)
        {
            r.ReadNull();
        }
        else
        {
            representative = r.ReadPlayerId();
        }

        r.ReadEndOfValue();
        return new RegisterPlayerPayload(id, role, mode, key, representative);
    }
}
