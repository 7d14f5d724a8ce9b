namespace Flecs.Simulation.Assets;

/// <summary>
/// A wind farm's climate and power curve (defaults: German onshore, hub ≈ 120 m, mean wind ≈ 6.5 m/s,
/// Weibull k = 2, which gives a capacity factor near the German onshore average of ≈ 20–25 %).
/// </summary>
public sealed class WindOptions
{
    /// <summary>The mean hub-height wind speed (m/s).</summary>
    public double MeanWindSpeed { get; init; } = 6.5;

    /// <summary>The Weibull shape parameter of the wind-speed distribution.</summary>
    public double WeibullShape { get; init; } = 2.0;

    /// <summary>Relative winter–summer swing of the mean wind speed (winter windier).</summary>
    public double SeasonalAmplitude { get; init; } = 0.15;

    /// <summary>The cut-in speed (m/s).</summary>
    public double CutInSpeed { get; init; } = 3.0;

    /// <summary>The rated speed (m/s).</summary>
    public double RatedSpeed { get; init; } = 12.0;

    /// <summary>The cut-out speed (m/s).</summary>
    public double CutOutSpeed { get; init; } = 25.0;

    /// <summary>Farm losses (wake, electrical, availability).</summary>
    public double Losses { get; init; } = 0.1;
}
