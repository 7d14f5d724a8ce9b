namespace Flecs.Simulation.Scenarios;

/// <summary>Electric vehicles of a household group; charging sessions are drawn from the Trondheim data.</summary>
public sealed class EvGroup
{
    /// <summary>Share of the households with an EV (0–1).</summary>
    public double Share { get; init; }

    /// <summary>Charger power, kW.</summary>
    public double ChargerKw { get; init; } = 11;
}
