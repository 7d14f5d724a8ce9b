using CsCheck;
using Flecs.Core.Units;
using Flecs.Market.Books;

namespace Flecs.Market.Tests;

/// <summary>CsCheck generators of small books with many price ties (prices on a 0.01 grid, some negative).</summary>
internal static class RandomBooks
{
    public static readonly Gen<Order[]> Orders =
        Gen.Select(Gen.Bool, Gen.Long[1, 20_000_000], Gen.Int[-5, 40], Gen.Int[0, 2]).Array[0, 40]
            .Select(specs => specs
                .Select((spec, k) => new Order($"o{k:D2}", spec.Item1 ? OrderSide.Buy : OrderSide.Sell, new EnergyQuantity(spec.Item2), new EnergyPrice(spec.Item3 * 10_000L))
                {
                    Zone = spec.Item4 == 0 ? null : "z" + spec.Item4.ToString(System.Globalization.CultureInfo.InvariantCulture),
                })
                .ToArray());

    /// <summary>A book and the same orders in another order.</summary>
    public static readonly Gen<(Order[] Orders, Order[] Shuffled)> OrdersAndShuffled =
        Orders.SelectMany(orders => Gen.Shuffle(orders.ToArray()).Select(shuffled => (orders, shuffled)));

    /// <summary>The largest volume any single price can clear, by brute force over every limit price.</summary>
    public static long MaxCrossingVolume(IReadOnlyList<Order> orders)
    {
        long best = 0;
        foreach (var candidate in orders)
        {
            var p = candidate.LimitPrice!.Value;
            var demand = orders.Where(o => o.IsBuy && o.LimitPrice!.Value >= p).Sum(o => o.Quantity.MilliwattHours);
            var supply = orders.Where(o => !o.IsBuy && o.LimitPrice!.Value <= p).Sum(o => o.Quantity.MilliwattHours);
            best = Math.Max(best, Math.Min(demand, supply));
        }

        return best;
    }
}
