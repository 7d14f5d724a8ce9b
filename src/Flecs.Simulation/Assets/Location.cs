namespace Flecs.Simulation.Assets;

/// <summary>A point on the Earth's surface.</summary>
/// <param name="Latitude">Degrees north (negative south).</param>
/// <param name="Longitude">Degrees east (negative west).</param>
public sealed record Location(double Latitude, double Longitude);
