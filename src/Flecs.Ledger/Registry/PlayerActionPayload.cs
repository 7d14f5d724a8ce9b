using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Registry;

/// <summary>Payload of <c>authorize-player</c>, <c>suspend-player</c>, <c>revoke-player</c> and <c>remove-validator</c>: <c>[id, reason]</c>.</summary>
/// <param name="Id">The player or validator acted on.</param>
/// <param name="Reason">Why, for the record (at most 256 characters).</param>
public sealed record PlayerActionPayload(PlayerId Id, string Reason)
{
    /// <summary>The longest reason in characters.</summary>
    public const int MaxReasonLength = 256;

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(2);
        w.WritePlayerId(Id);
        w.WriteTextString(Reason);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static PlayerActionPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(2);
        var id = r.ReadPlayerId();
        var reason = r.ReadTextString();
        r.ReadEndOfValue();
        return reason.Length <= MaxReasonLength ? new PlayerActionPayload(id, reason) : throw new CborContentException("The reason is too long.");
    }
}
