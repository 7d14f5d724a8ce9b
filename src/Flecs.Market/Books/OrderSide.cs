namespace Flecs.Market.Books;

/// <summary>Which side of the book an order is on.</summary>
/// <remarks>The numeric values are persisted in transactions and receipts; never renumber them.</remarks>
public enum OrderSide
{
    /// <summary>A bid: the player buys energy (demand).</summary>
    Buy = 1,

    /// <summary>An offer: the player sells energy (supply).</summary>
    Sell = 2,
}
