namespace Flecs.Market.Clearing;

/// <summary>How a Segmented Power Market double auction prices its fills (docs/market-rules.md §2–§3).</summary>
/// <remarks>The numeric values are persisted; never renumber them.</remarks>
public enum ClearingMechanism
{
    /// <summary>Uniform price: every fill trades at the one clearing price.</summary>
    PayAsClear = 1,

    /// <summary>Discriminatory: each buyer pays its own bid, each seller receives its own offer; the spread goes to the market operator.</summary>
    PayAsBid = 2,
}
