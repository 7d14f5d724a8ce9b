using Flecs.Core.Units;
using Flecs.Market.Books;

namespace Flecs.Market.Clearing;

/// <summary>What one order got from a clearing.</summary>
/// <param name="Order">The order.</param>
/// <param name="Accepted">The quantity the price rule accepted (before grid constraints).</param>
/// <param name="Filled">The quantity actually traded (the sum of the order's fills).</param>
/// <param name="CashFlow">The money the order's player receives, signed: negative for a buyer's payment, positive for a seller's revenue.</param>
public sealed record OrderOutcome(Order Order, EnergyQuantity Accepted, EnergyQuantity Filled, Money CashFlow)
{
    /// <summary>Accepted but not traded because a grid constraint blocked it (docs/market-rules.md §5).</summary>
    public EnergyQuantity Curtailed => Accepted - Filled;

    /// <summary>The quantity not traded for any reason: <see cref="Order.Quantity"/> − <see cref="Filled"/>.</summary>
    public EnergyQuantity Unfilled => Order.Quantity - Filled;
}
