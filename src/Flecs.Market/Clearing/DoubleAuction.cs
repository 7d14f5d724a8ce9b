using Flecs.Core.Results;
using Flecs.Core.Units;
using Flecs.Market.Books;
using Flecs.Market.Constraints;

namespace Flecs.Market.Clearing;

/// <summary>The Segmented Power Market two-sided auction for one delivery interval (docs/market-rules.md §1–§3, §5).</summary>
/// <remarks>
/// Volume-maximizing: bids (highest first) and offers (lowest first) are matched while the bid is at or
/// above the offer; ties in price go to the lower ordinal id, and the marginal price level is shared pro
/// rata. Pay-as-clear prices every fill at the midpoint of the interval of market-clearing prices
/// (half to even); pay-as-bid lets each side pay or receive its own limit. Pure and deterministic: the
/// result depends only on the set of orders, never on their order.
/// </remarks>
public static class DoubleAuction
{
    /// <summary>Clears a book.</summary>
    /// <param name="book">The orders; every order needs a limit price (<c>market.book.missing-price</c> otherwise).</param>
    /// <param name="mechanism">Pay-as-clear or pay-as-bid.</param>
    /// <param name="constraints">Zone and pair caps; <see langword="null"/> or empty for none.</param>
    public static Result<ClearingResult> Clear(OrderBook book, ClearingMechanism mechanism, GridConstraints? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (mechanism is not (ClearingMechanism.PayAsClear or ClearingMechanism.PayAsBid))
        {
            return new Error("market.clearing.bad-mechanism", $"mechanism {(int)mechanism} is neither pay-as-clear nor pay-as-bid");
        }

        for (var i = 0; i < book.Count; i++)
        {
            if (!book.HasPrice[i])
            {
                return new Error("market.book.missing-price", $"order '{book.Orders[i].Id}': every order in the segmented market needs price_per_kwh (price-inelastic demand exists only in the merit order)");
            }
        }

        var crossing = Crossing.Compute(book, inelasticLimit: 0);
        var matches = constraints is null || constraints.IsEmpty
            ? Pairing.Zip(crossing.Bids, crossing.BidAccepted, crossing.Asks, crossing.AskAccepted)
            : ZonalMatching.Match(book, crossing, constraints);
        var price = mechanism == ClearingMechanism.PayAsClear && crossing.Volume > 0
            ? new PriceRange(new(crossing.Lower), new(crossing.Upper)).Midpoint
            : (EnergyPrice?)null;
        return ClearingResult.Build(book, mechanism, crossing, matches, price);
    }
}
