using System.Collections.Immutable;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.State;

namespace Flecs.Settlement.Orders;

/// <summary>The open standing orders of one market, ids ascending, under <c>orders/spm</c> or <c>orders/mpm</c>.</summary>
public static class OrderList
{
    /// <summary>The state key of a market's orders.</summary>
    public static string StateKey(MarketKind market) => market == MarketKind.Spm ? "orders/spm" : "orders/mpm";

    /// <summary>A market's open orders (none when the key is absent).</summary>
    public static ImmutableArray<StandingOrder> Load(IStateReader state, MarketKind market)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.TryGet(StateKey(market), out var bytes) ? Decode(bytes) : [];
    }

    /// <summary>Canonical CBOR of the list.</summary>
    public static byte[] Encode(IReadOnlyList<StandingOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var w = Cbor.NewWriter();
        w.WriteStartArray(orders.Count);
        foreach (var o in orders)
        {
            o.Write(w);
        }

        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Decodes a stored list.</summary>
    public static ImmutableArray<StandingOrder> Decode(ReadOnlyMemory<byte> bytes)
    {
        var r = Cbor.NewReader(bytes);
        var count = r.ReadStartArray() ?? 0;
        var orders = ImmutableArray.CreateBuilder<StandingOrder>(count);
        for (var i = 0; i < count; i++)
        {
            orders.Add(StandingOrder.Read(r));
        }

        r.ReadEndOfValue();
        return orders.MoveToImmutable();
    }
}
