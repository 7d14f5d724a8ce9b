using Flecs.Core.Units;

namespace Flecs.Market.MeritOrder;

/// <summary>Parameters of a Main Power Market merit-order clearing.</summary>
/// <remarks>
/// <see cref="PriceCap"/> is the scarcity price: the price when price-inelastic demand cannot be fully
/// served, and the highest price any bid or offer may carry. The default, 4 per kWh (4,000 per MWh), is
/// of the order of the harmonised maximum clearing price of European day-ahead coupling
/// (docs/market-rules.md §4).
/// </remarks>
public sealed record MeritOrderOptions
{
    /// <summary>The default scarcity price cap: 4 currency units per kWh.</summary>
    public static readonly EnergyPrice DefaultPriceCap = new(4_000_000);

    /// <summary>The defaults.</summary>
    public static MeritOrderOptions Default { get; } = new();

    /// <summary>The scarcity price and the highest allowed bid or offer price, in µ/kWh.</summary>
    public EnergyPrice PriceCap { get; init; } = DefaultPriceCap;
}
