namespace Flecs.Simulation.Assets;

/// <summary>
/// An air-source heat pump for space heating and hot water (defaults: a German single-family house,
/// ≈ 150 m² at ≈ 80 kWh/m²a heat demand).
/// </summary>
public sealed class HeatPumpOptions
{
    /// <summary>The annual heat delivered (space heating plus hot water) in a typical year of the climate (kWh).</summary>
    public double AnnualHeatKwh { get; init; } = 12000;

    /// <summary>The share of <see cref="AnnualHeatKwh"/> that is domestic hot water (≈ 15 % in a German single-family house).</summary>
    public double HotWaterShare { get; init; } = 0.15;

    /// <summary>The outdoor temperature above which the building needs no space heating (°C).</summary>
    public double HeatingLimitC { get; init; } = 15;

    /// <summary>The heating flow temperature at 0 °C outdoors (°C); 35 suits floor heating, 45–55 radiators.</summary>
    public double FlowTemperatureAt0C { get; init; } = 35;

    /// <summary>The heating curve's slope: flow-temperature change per kelvin of outdoor temperature.</summary>
    public double FlowTemperatureSlope { get; init; } = -0.5;

    /// <summary>The hot-water storage temperature the heat pump heats to (°C).</summary>
    public double HotWaterTemperatureC { get; init; } = 50;

    /// <summary>The thermal power of a hot-water reheat (kW).</summary>
    public double HotWaterHeatingKw { get; init; } = 3;

    /// <summary>The real-world correction of the COP fit (Ruhnau et al. 2019 use 0.85).</summary>
    public double CopCorrection { get; init; } = 0.85;
}
