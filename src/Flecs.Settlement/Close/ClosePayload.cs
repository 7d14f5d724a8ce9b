using System.Formats.Cbor;
using Flecs.Ledger.Encoding;

namespace Flecs.Settlement.Close;

/// <summary>Payload of <c>close-intervals</c>: <c>[through]</c>, the last interval to close.</summary>
/// <param name="Through">The last interval to close (inclusive).</param>
public sealed record ClosePayload(long Through)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(1);
        w.WriteInt64(Through);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static ClosePayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(1);
        var payload = new ClosePayload(r.ReadInt64());
        r.ReadEndOfValue();
        return payload;
    }
}
