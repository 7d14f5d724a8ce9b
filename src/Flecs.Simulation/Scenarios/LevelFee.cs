namespace Flecs.Simulation.Scenarios;

/// <summary>One level's fees, €/kWh.</summary>
public sealed class LevelFee
{
    /// <summary>Fee on energy taken from the grid.</summary>
    public double Withdrawal { get; init; }

    /// <summary>Fee on energy fed into the grid.</summary>
    public double Injection { get; init; }
}
