namespace Flecs.Simulation.Scenarios;

/// <summary>The district's location.</summary>
public sealed class LocationSettings
{
    /// <summary>Degrees north.</summary>
    public double Latitude { get; init; } = 48.14;

    /// <summary>Degrees east.</summary>
    public double Longitude { get; init; } = 11.58;
}
