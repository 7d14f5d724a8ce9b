using Flecs.Core.Identity;
using Flecs.Core.Units;

namespace Flecs.Market.Books;

/// <summary>One order for one delivery interval: a bid (<see cref="OrderSide.Buy"/>) or an offer (<see cref="OrderSide.Sell"/>).</summary>
/// <remarks>
/// <see cref="Quantity"/> is the most energy the order will trade (mWh, positive). <see cref="LimitPrice"/>
/// is the highest price a buyer pays or the lowest a seller accepts (µ/kWh, may be negative). A buy order
/// without a limit is price-inelastic demand, allowed only in the merit order (docs/market-rules.md §4).
/// Orders are validated when an <see cref="OrderBook"/> is created.
/// </remarks>
/// <param name="Id">The order id, unique in its book; compared ordinally, it is the tie-break key.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">The most energy to trade, in mWh.</param>
/// <param name="LimitPrice">The limit price, or <see langword="null"/> for price-inelastic demand.</param>
public sealed record Order(string Id, OrderSide Side, EnergyQuantity Quantity, EnergyPrice? LimitPrice)
{
    /// <summary>The player who placed the order, if known.</summary>
    public PlayerId? Player { get; init; }

    /// <summary>The grid zone the order delivers in or takes from; <see langword="null"/> is the default zone.</summary>
    public string? Zone { get; init; }

    /// <summary>The technology of a supply offer in the merit order, if given.</summary>
    public Technology? Technology { get; init; }

    /// <summary>True for a bid.</summary>
    public bool IsBuy => Side == OrderSide.Buy;
}
