using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Settlement.Orders;

/// <summary>Payload of <c>submit-orders</c>: <c>[market, player, [order…]]</c> (docs/settlement.md#orders).</summary>
/// <param name="Market">1 SPM, 2 MPM.</param>
/// <param name="Player">Whose orders: the sender, or a passive player it represents.</param>
/// <param name="Orders">The orders.</param>
public sealed record OrdersPayload(int Market, PlayerId Player, ImmutableArray<OrderRequest> Orders)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(3);
        w.WriteInt32(Market);
        w.WritePlayerId(Player);
        w.WriteStartArray(Orders.Length);
        foreach (var o in Orders)
        {
            w.WriteStartArray(6);
            w.WriteInt32(o.Side);
            w.WriteInt64(o.First);
            w.WriteInt64(o.Count);
            w.WriteInt64(o.Quantity);
            if (o.Price is { } price)
            {
                w.WriteInt64(price);
            }
            else
            {
                w.WriteNull();
            }

            w.WriteInt32(o.Technology);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static OrdersPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(3);
        var market = r.ReadInt32();
        var player = r.ReadPlayerId();
        var count = r.ReadStartArray() ?? 0;
        var orders = ImmutableArray.CreateBuilder<OrderRequest>(count);
        for (var i = 0; i < count; i++)
        {
            r.ReadArrayOf(6);
            var side = r.ReadInt32();
            var first = r.ReadInt64();
            var n = r.ReadInt64();
            var quantity = r.ReadInt64();
            long? price = null;
            if (r.PeekState() == CborReaderState.Null)
            {
                r.ReadNull();
            }
            else
            {
                price = r.ReadInt64();
            }

            orders.Add(new OrderRequest(side, first, n, quantity, price, r.ReadInt32()));
            r.ReadEndArray();
        }

        r.ReadEndArray();
        r.ReadEndOfValue();
        return new OrdersPayload(market, player, orders.MoveToImmutable());
    }
}
