namespace Flecs.Simulation.Scenarios;

/// <summary>Heat pumps of a household group.</summary>
public sealed class HeatPumpGroup
{
    /// <summary>Share of the households with a heat pump (0–1).</summary>
    public double Share { get; init; }

    /// <summary>Annual heat demand range, kWh (thermal): [min, max].</summary>
    public IReadOnlyList<double> AnnualHeatKwh { get; init; } = [8_000, 16_000];
}
