using Flecs.Core.Results;
using Flecs.Core.Units;
using Flecs.Market.Books;
using Flecs.Market.Clearing;

namespace Flecs.Market.MeritOrder;

/// <summary>The Main Power Market merit order: offers dispatched cheapest first against demand, all paid the uniform marginal price.</summary>
/// <remarks>
/// Sell orders are supply offers (per unit, with an optional <see cref="Technology"/>); buy orders are demand:
/// without a price they are price-inelastic and rank before every bid, as bids at the price cap.
/// The volume is maximal; the price is the lowest market-clearing price (the system marginal price):
/// the marginal offer's price, or the marginal bid's when the cut falls inside a demand block, or the
/// cap under scarcity. Ties: lower ordinal id; the marginal price level is shared pro rata.
/// docs/market-rules.md §4.
/// </remarks>
public static class MeritOrderClearing
{
    /// <summary>Clears a merit order.</summary>
    public static Result<MeritOrderResult> Clear(OrderBook book, MeritOrderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        options ??= MeritOrderOptions.Default;
        var cap = options.PriceCap.MicrosPerKilowattHour;
        if (cap > OrderBook.MaxAbsolutePriceMicrosPerKilowattHour || cap < -OrderBook.MaxAbsolutePriceMicrosPerKilowattHour)
        {
            return new Error("market.merit-order.bad-cap", $"the price cap {options.PriceCap} is beyond ±1000 per kWh");
        }

        for (var i = 0; i < book.Count; i++)
        {
            if (book.HasPrice[i] && book.Prices[i] > cap)
            {
                return new Error("market.merit-order.price-above-cap", $"order '{book.Orders[i].Id}': price {book.PriceAt(i)} is above the price cap {options.PriceCap}");
            }
        }

        var crossing = Crossing.Compute(book, inelasticLimit: cap);
        var matches = Pairing.Zip(crossing.Bids, crossing.BidAccepted, crossing.Asks, crossing.AskAccepted);
        var price = crossing.Volume > 0 ? new EnergyPrice(crossing.Lower) : (EnergyPrice?)null;
        var clearing = ClearingResult.Build(book, ClearingMechanism.PayAsClear, crossing, matches, price);

        long unserved = 0;
        var outcomes = clearing.Outcomes;
        for (var i = 0; i < book.Count; i++)
        {
            if (!book.HasPrice[i])
            {
                unserved += outcomes[i].Unfilled.MilliwattHours;
            }
        }

        var dispatch = new UnitDispatch[crossing.Asks.Length];
        var offered = new long[11];
        var dispatched = new long[11];
        for (var p = 0; p < dispatch.Length; p++)
        {
            var outcome = outcomes[crossing.Asks[p]];
            dispatch[p] = new UnitDispatch(outcome.Order, outcome.Filled, outcome.CashFlow);
            var slot = outcome.Order.Technology is { } technology ? (int)technology - 1 : 10;
            offered[slot] += outcome.Order.Quantity.MilliwattHours;
            dispatched[slot] += outcome.Filled.MilliwattHours;
        }

        var byTechnology = new List<TechnologyDispatch>();
        for (var slot = 0; slot < offered.Length; slot++)
        {
            if (offered[slot] > 0)
            {
                byTechnology.Add(new TechnologyDispatch(slot < 10 ? (Technology)(slot + 1) : null, new EnergyQuantity(offered[slot]), new EnergyQuantity(dispatched[slot])));
            }
        }

        return new MeritOrderResult(clearing, options.PriceCap, new EnergyQuantity(unserved), dispatch, byTechnology);
    }
}
