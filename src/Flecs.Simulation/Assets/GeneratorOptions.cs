namespace Flecs.Simulation.Assets;

/// <summary>A generation company's plant. Unset cost parameters take the <see cref="GeneratorTechnology"/> defaults.</summary>
public sealed class GeneratorOptions
{
    /// <summary>The plant's identifier.</summary>
    public string Id { get; init; } = "";

    /// <summary>The technology: <c>gas-ccgt</c>, <c>gas-ocgt</c>, <c>coal</c>, <c>lignite</c>, <c>oil</c>, <c>nuclear</c>, <c>wind</c>, <c>solar</c>, <c>hydro</c>.</summary>
    public string Technology { get; init; } = "gas-ccgt";

    /// <summary>The net capacity (MW).</summary>
    public double CapacityMw { get; init; } = 100;

    /// <summary>Net electrical efficiency; null for the technology default.</summary>
    public double? Efficiency { get; init; }

    /// <summary>t CO₂ per MWh of fuel; null for the technology default.</summary>
    public double? EmissionTonnesPerMwhTh { get; init; }

    /// <summary>Variable O&amp;M cost, € per MWh electric; null for the technology default.</summary>
    public double? VariableCostEurPerMwh { get; init; }

    /// <summary>The available share of capacity (0–1), for outages and derating.</summary>
    public double Availability { get; init; } = 1.0;

    /// <summary>The technology defaults.</summary>
    public GeneratorTechnology Defaults => GeneratorTechnology.Get(Technology);

    /// <summary>The efficiency in use.</summary>
    public double EffectiveEfficiency => Efficiency ?? Defaults.Efficiency;

    /// <summary>The emission factor in use (t CO₂/MWh_th).</summary>
    public double EffectiveEmissionTonnesPerMwhTh => EmissionTonnesPerMwhTh ?? Defaults.EmissionTonnesPerMwhTh;

    /// <summary>The variable O&amp;M cost in use (€/MWh).</summary>
    public double EffectiveVariableCostEurPerMwh => VariableCostEurPerMwh ?? Defaults.VariableCostEurPerMwh;

    /// <summary>The available capacity (MW).</summary>
    public double AvailableMw => CapacityMw * Math.Clamp(Availability, 0.0, 1.0);
}
