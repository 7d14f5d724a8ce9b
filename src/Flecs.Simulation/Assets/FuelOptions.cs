namespace Flecs.Simulation.Assets;

/// <summary>
/// Fuel and carbon prices (€/MWh thermal; €/t CO₂). Defaults are "normal" pre-crisis levels: TTF gas
/// ≈ 20–25 €/MWh in 2019–early 2021 rising to ≈ 35 €/MWh in later normal years, API2 coal ≈ 100 $/t
/// (≈ 12 €/MWh_th), EU ETS allowances ≈ 80 €/t (2022–2024 range 60–100).
/// </summary>
public sealed class FuelOptions
{
    /// <summary>Natural gas (TTF), €/MWh thermal (HHV as traded).</summary>
    public double GasEurPerMwh { get; init; } = 35;

    /// <summary>Hard coal (API2 CIF ARA), €/MWh thermal.</summary>
    public double CoalEurPerMwh { get; init; } = 12;

    /// <summary>Lignite (mine-mouth cost), €/MWh thermal.</summary>
    public double LigniteEurPerMwh { get; init; } = 5;

    /// <summary>Fuel oil, €/MWh thermal.</summary>
    public double OilEurPerMwh { get; init; } = 45;

    /// <summary>Nuclear fuel cycle, €/MWh thermal (≈ 5–6 €/MWh electric at 33 % efficiency).</summary>
    public double UraniumEurPerMwh { get; init; } = 2;

    /// <summary>EU ETS allowance price, €/t CO₂.</summary>
    public double Co2EurPerTonne { get; init; } = 80;

    /// <summary>Temporary price shocks (none by default).</summary>
    public IReadOnlyList<PriceShock> Shocks { get; init; } = [];
}
