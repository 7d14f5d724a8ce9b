namespace Flecs.Simulation.Assets;

/// <summary>A home battery (defaults: a typical 10 kWh lithium-ion system with a 5 kW inverter).</summary>
public sealed class BatteryOptions
{
    /// <summary>The usable nameplate capacity (kWh).</summary>
    public double CapacityKwh { get; init; } = 10;

    /// <summary>The maximum charge and discharge power at the AC side (kW).</summary>
    public double PowerKw { get; init; } = 5;

    /// <summary>The lowest state of charge (fraction of capacity).</summary>
    public double MinSoc { get; init; } = 0.1;

    /// <summary>The highest state of charge (fraction of capacity).</summary>
    public double MaxSoc { get; init; } = 0.95;

    /// <summary>The AC-to-AC round-trip efficiency, split as √η on charge and √η on discharge.</summary>
    public double RoundTripEfficiency { get; init; } = 0.92;

    /// <summary>The state of charge at the start (fraction of capacity).</summary>
    public double InitialSoc { get; init; } = 0.5;
}
