using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Ledger.Encoding;

namespace Flecs.Settlement.Orders;

/// <summary>Payload of <c>cancel-orders</c>: <c>[market, [orderId…]]</c>.</summary>
/// <param name="Market">1 SPM, 2 MPM.</param>
/// <param name="OrderIds">The orders to withdraw.</param>
public sealed record CancelOrdersPayload(int Market, ImmutableArray<string> OrderIds)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(2);
        w.WriteInt32(Market);
        w.WriteTextArray(OrderIds);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static CancelOrdersPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(2);
        var market = r.ReadInt32();
        var ids = r.ReadTextArray();
        r.ReadEndOfValue();
        return new CancelOrdersPayload(market, ids);
    }
}
