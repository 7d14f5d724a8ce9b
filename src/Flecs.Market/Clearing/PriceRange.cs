using Flecs.Core.Units;

namespace Flecs.Market.Clearing;

/// <summary>The closed interval of market-clearing prices of a crossing: every price in it clears the same volume.</summary>
/// <param name="Low">The lowest clearing price.</param>
/// <param name="High">The highest clearing price.</param>
public readonly record struct PriceRange(EnergyPrice Low, EnergyPrice High)
{
    /// <summary>The midpoint, rounded half to even to a µ/kWh (the SPM pay-as-clear price, docs/market-rules.md §2).</summary>
    public EnergyPrice Midpoint => new(Rounding.DivideHalfEven((Int128)Low.MicrosPerKilowattHour + High.MicrosPerKilowattHour, 2));
}
