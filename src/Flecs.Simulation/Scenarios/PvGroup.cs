namespace Flecs.Simulation.Scenarios;

/// <summary>Rooftop PV of a household group.</summary>
public sealed class PvGroup
{
    /// <summary>Share of the group's households with PV (0–1).</summary>
    public double Share { get; init; }

    /// <summary>Peak power range, kWp: [min, max].</summary>
    public IReadOnlyList<double> Kwp { get; init; } = [4, 9];

    /// <summary>Panel tilt, degrees.</summary>
    public double Tilt { get; init; } = 30;

    /// <summary>Azimuth range, degrees clockwise from north: [min, max].</summary>
    public IReadOnlyList<double> Azimuth { get; init; } = [150, 210];
}
