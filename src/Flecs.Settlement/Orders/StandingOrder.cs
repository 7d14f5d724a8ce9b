using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;
using Flecs.Market.Books;

namespace Flecs.Settlement.Orders;

/// <summary>
/// An order that stands for every interval of <c>[First, End)</c>: <c>[id, player, side, first, end, quantity, price|null, technology]</c>.
/// Its id (the submitting transaction's id in hex, a slash and the order's index) is the clearing tie-break key.
/// </summary>
/// <param name="Id">The order id.</param>
/// <param name="Player">The player whose position it is.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="First">The first interval.</param>
/// <param name="End">The first interval after the order.</param>
/// <param name="Quantity">mWh per interval, &gt; 0.</param>
/// <param name="Price">The limit (µ/kWh), or null for price-inelastic MPM demand.</param>
/// <param name="Technology">The technology of an MPM supply offer (0 for none).</param>
public sealed record StandingOrder(string Id, PlayerId Player, OrderSide Side, long First, long End, long Quantity, long? Price, int Technology)
{
    /// <summary>Writes the order.</summary>
    public void Write(CborWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartArray(8);
        w.WriteTextString(Id);
        w.WritePlayerId(Player);
        w.WriteInt32((int)Side);
        w.WriteInt64(First);
        w.WriteInt64(End);
        w.WriteInt64(Quantity);
        if (Price is { } price)
        {
            w.WriteInt64(price);
        }
        else
        {
            w.WriteNull();
        }

        w.WriteInt32(Technology);
        w.WriteEndArray();
    }

    /// <summary>Reads an order.</summary>
    public static StandingOrder Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(8);
        var id = r.ReadTextString();
        var player = r.ReadPlayerId();
        var side = (OrderSide)r.ReadInt32();
        var first = r.ReadInt64();
        var end = r.ReadInt64();
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

        var order = new StandingOrder(id, player, side, first, end, quantity, price, r.ReadInt32());
        r.ReadEndArray();
        return order;
    }
}
