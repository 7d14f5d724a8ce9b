using System.Globalization;
using Flecs.Core.Identity;
using Flecs.Core.Units;
using Flecs.Market.Books;

namespace Flecs.Cli.Market;

/// <summary>Deterministic pseudo-random books for <c>flecs bench market</c>.</summary>
internal static class SyntheticBooks
{
    /// <summary>
    /// A segmented-market interval: half bids (0.05–0.35 per kWh), half offers (0.03–0.33), prices on a
    /// 0.0001 grid (so many ties), 1 Wh–10 kWh each, from 5,000 players; ids in shuffled order.
    /// </summary>
    public static OrderBook Auction(int orders, ulong seed)
    {
        var random = new SplitMix64(seed);
        var list = new Order[orders];
        for (var n = 0; n < orders; n++)
        {
            var buy = (random.Next() & 1) == 0;
            var price = new EnergyPrice(random.Between(buy ? 500 : 300, buy ? 3_500 : 3_300) * 100);
            var quantity = EnergyQuantity.FromWattHours(random.Between(1, 10_000));
            list[n] = new Order("o" + n.ToString("D7", CultureInfo.InvariantCulture), buy ? OrderSide.Buy : OrderSide.Sell, quantity, price)
            {
                Player = PlayerId.Parse("p" + random.Between(0, 4_999).ToString(CultureInfo.InvariantCulture)),
            };
        }

        Shuffle(list, random);
        return OrderBook.Create(list).Value;
    }

    /// <summary>
    /// A main-market hour: <paramref name="units"/> offers of 1–100 MWh across all technologies at typical
    /// variable costs (hydro at its water value), against price-inelastic demand of about half the
    /// supply plus 1,000 bids.
    /// </summary>
    public static OrderBook MeritOrder(int units, ulong seed)
    {
        var random = new SplitMix64(seed);
        var list = new List<Order>(units + 1_100);
        long supply = 0;
        for (var n = 0; n < units; n++)
        {
            var technology = (Technology)random.Between(1, 10);
            var (low, high) = technology switch
            {
                Technology.Nuclear => (5_000L, 15_000L),
                Technology.Hydro => (20_000L, 80_000L),
                Technology.Wind or Technology.Solar => (-10_000L, 2_000L),
                Technology.Gas => (60_000L, 120_000L),
                Technology.Coal => (40_000L, 90_000L),
                Technology.Oil => (150_000L, 300_000L),
                Technology.Biomass => (50_000L, 100_000L),
                Technology.Storage => (80_000L, 200_000L),
                _ => (50_000L, 150_000L),
            };
            var quantity = EnergyQuantity.FromKilowattHours(random.Between(1_000, 100_000));
            supply += quantity.MilliwattHours;
            list.Add(new Order("u" + n.ToString("D6", CultureInfo.InvariantCulture), OrderSide.Sell, quantity, new EnergyPrice(random.Between(low, high)))
            {
                Technology = technology,
            });
        }

        for (var n = 0; n < 100; n++)
        {
            list.Add(new Order("d" + n.ToString("D4", CultureInfo.InvariantCulture), OrderSide.Buy, new EnergyQuantity(supply / 200), null));
        }

        for (var n = 0; n < 1_000; n++)
        {
            var quantity = EnergyQuantity.FromKilowattHours(random.Between(1_000, 50_000));
            list.Add(new Order("b" + n.ToString("D4", CultureInfo.InvariantCulture), OrderSide.Buy, quantity, new EnergyPrice(random.Between(0, 250_000))));
        }

        var array = list.ToArray();
        Shuffle(array, random);
        return OrderBook.Create(array).Value;
    }

    private static void Shuffle(Order[] orders, SplitMix64 random)
    {
        for (var i = orders.Length - 1; i > 0; i--)
        {
            var j = (int)random.Between(0, i);
            (orders[i], orders[j]) = (orders[j], orders[i]);
        }
    }
}
