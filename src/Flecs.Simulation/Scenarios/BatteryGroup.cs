namespace Flecs.Simulation.Scenarios;

/// <summary>Home batteries of a household group (only households with PV get one).</summary>
public sealed class BatteryGroup
{
    /// <summary>Share of the PV households with a battery (0–1).</summary>
    public double Share { get; init; }

    /// <summary>Usable capacity, kWh.</summary>
    public double CapacityKwh { get; init; } = 10;

    /// <summary>Charge and discharge power, kW.</summary>
    public double PowerKw { get; init; } = 5;

    /// <summary>Round-trip efficiency (0–1).</summary>
    public double RoundTripEfficiency { get; init; } = 0.92;
}
