using Flecs.Core.Results;
using Flecs.Core.Units;

namespace Flecs.Market.Books;

/// <summary>A validated, immutable set of orders for one delivery interval, kept in canonical order (ids ascending, ordinal).</summary>
/// <remarks>
/// The canonical order is what makes every clearing independent of arrival order: the position of an
/// order in <see cref="Orders"/> is the rank of its id, and every tie-break in the market rules is "lower
/// ordinal id first" (docs/market-rules.md §1). The bounds below keep every sum and every
/// price × quantity product of one book inside a <see cref="long"/>.
/// </remarks>
public sealed class OrderBook
{
    /// <summary>The largest absolute limit price: 1,000 currency units per kWh, in µ/kWh.</summary>
    public const long MaxAbsolutePriceMicrosPerKilowattHour = 1_000_000_000;

    /// <summary>The largest total quantity of one side of a book: 1 TWh, in mWh.</summary>
    public const long MaxSideQuantityMilliwattHours = 1_000_000_000_000_000;

    /// <summary>The most orders one book may hold (2²⁴).</summary>
    public const int MaxOrders = 1 << 24;

    private readonly Order[] _orders;

    private OrderBook(Order[] orders)
    {
        _orders = orders;
        Quantities = new long[orders.Length];
        Prices = new long[orders.Length];
        HasPrice = new bool[orders.Length];
        IsBuy = new bool[orders.Length];
        for (var i = 0; i < orders.Length; i++)
        {
            var order = orders[i];
            Quantities[i] = order.Quantity.MilliwattHours;
            HasPrice[i] = order.LimitPrice.HasValue;
            Prices[i] = order.LimitPrice.GetValueOrDefault().MicrosPerKilowattHour;
            IsBuy[i] = order.IsBuy;
            if (order.IsBuy)
            {
                BuyCount++;
            }
        }
    }

    /// <summary>A book with no orders.</summary>
    public static OrderBook Empty { get; } = new([]);

    /// <summary>The orders, ids ascending (ordinal).</summary>
    public IReadOnlyList<Order> Orders => _orders;

    /// <summary>The number of orders.</summary>
    public int Count => _orders.Length;

    /// <summary>Quantities in mWh by canonical position (the hot path reads columns, not records).</summary>
    internal long[] Quantities { get; }

    /// <summary>Limit prices in µ/kWh by canonical position; 0 where <see cref="HasPrice"/> is false.</summary>
    internal long[] Prices { get; }

    /// <summary>Whether the order at a canonical position has a limit price.</summary>
    internal bool[] HasPrice { get; }

    /// <summary>Whether the order at a canonical position is a bid.</summary>
    internal bool[] IsBuy { get; }

    /// <summary>The number of bids.</summary>
    internal int BuyCount { get; }

    /// <summary>Validates orders and builds a book.</summary>
    /// <remarks>
    /// Fails with <c>market.book.missing-id</c>, <c>market.book.duplicate-id</c>, <c>market.book.bad-side</c>,
    /// <c>market.book.bad-quantity</c> (not positive, or above the side bound), <c>market.book.bad-price</c>
    /// (beyond ±<see cref="MaxAbsolutePriceMicrosPerKilowattHour"/>), <c>market.book.missing-price</c> (an offer
    /// without a limit) or <c>market.book.too-large</c>. Input order does not matter.
    /// </remarks>
    public static Result<OrderBook> Create(IEnumerable<Order> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var array = orders.ToArray();
        if (array.Length > MaxOrders)
        {
            return new Error("market.book.too-large", $"the book has {array.Length} orders; at most {MaxOrders} are allowed");
        }

        Int128 buyTotal = 0;
        Int128 sellTotal = 0;
        foreach (var order in array)
        {
            ArgumentNullException.ThrowIfNull(order, nameof(orders));
            var error = Validate(order);
            if (error is not null)
            {
                return error;
            }

            if (order.IsBuy)
            {
                buyTotal += order.Quantity.MilliwattHours;
            }
            else
            {
                sellTotal += order.Quantity.MilliwattHours;
            }
        }

        if (buyTotal > MaxSideQuantityMilliwattHours || sellTotal > MaxSideQuantityMilliwattHours)
        {
            return new Error("market.book.too-large", "one side of the book exceeds 1 TWh (1,000,000,000 kWh) in total");
        }

        Array.Sort(array, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        for (var i = 1; i < array.Length; i++)
        {
            if (string.Equals(array[i - 1].Id, array[i].Id, StringComparison.Ordinal))
            {
                return new Error("market.book.duplicate-id", $"order '{array[i].Id}': the id is used by more than one order");
            }
        }

        return new OrderBook(array);
    }

    /// <summary>The canonical position of an order id, or -1.</summary>
    public int IndexOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var lo = 0;
        var hi = _orders.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var c = string.CompareOrdinal(_orders[mid].Id, id);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private static Error? Validate(Order order)
    {
        if (string.IsNullOrEmpty(order.Id))
        {
            return new Error("market.book.missing-id", "an order has no id");
        }

        if (order.Side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return new Error("market.book.bad-side", $"order '{order.Id}': side must be buy or sell");
        }

        if (order.Quantity.MilliwattHours <= 0 || order.Quantity.MilliwattHours > MaxSideQuantityMilliwattHours)
        {
            return new Error("market.book.bad-quantity", $"order '{order.Id}': quantity {order.Quantity} must be positive and at most 1,000,000,000 kWh");
        }

        if (order.LimitPrice is { } price && (price.MicrosPerKilowattHour > MaxAbsolutePriceMicrosPerKilowattHour || price.MicrosPerKilowattHour < -MaxAbsolutePriceMicrosPerKilowattHour))
        {
            return new Error("market.book.bad-price", $"order '{order.Id}': price {price} is beyond ±1000 per kWh");
        }

        if (order.LimitPrice is null && !order.IsBuy)
        {
            return new Error("market.book.missing-price", $"order '{order.Id}': a sell order needs a price");
        }

        return null;
    }

    /// <summary>The price of an order as an <see cref="EnergyPrice"/> (only for orders with a limit).</summary>
    internal EnergyPrice PriceAt(int index) => new(Prices[index]);
}
