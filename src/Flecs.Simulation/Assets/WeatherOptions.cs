namespace Flecs.Simulation.Assets;

/// <summary>
/// The climate of the synthetic weather. Defaults describe Germany (DWD 1991–2020 normals: annual mean
/// 9.3 °C, January ≈ 0.9 °C, July ≈ 18.3 °C; annual global horizontal irradiation ≈ 1 100 kWh/m²).
/// </summary>
public sealed class WeatherOptions
{
    /// <summary>The mean daily clear-sky index (measured GHI ÷ clear-sky GHI) over the year; ≈ 0.6 in Germany, ≈ 0.8 in Denver.</summary>
    public double MeanClearSkyIndex { get; init; } = 0.63;

    /// <summary>Half the summer–winter swing of the daily clear-sky index (summer days are clearer in central Europe).</summary>
    public double SeasonalClearSkyIndexAmplitude { get; init; } = 0.1;

    /// <summary>Scales how often clouds pass on mixed days (1 = a sun/cloud cycle every 30 minutes on average).</summary>
    public double Variability { get; init; } = 1.0;

    /// <summary>The Linke turbidity factor of the clear-sky model.</summary>
    public double LinkeTurbidity { get; init; } = ClearSky.DefaultLinkeTurbidity;

    /// <summary>The site altitude above sea level in metres.</summary>
    public double AltitudeM { get; init; } = 100;

    /// <summary>The annual mean air temperature (°C).</summary>
    public double AnnualMeanTemperatureC { get; init; } = 9.5;

    /// <summary>Half the difference between the warmest and the coldest month's mean temperature (K).</summary>
    public double SeasonalAmplitudeC { get; init; } = 8.8;

    /// <summary>The day of the year with the lowest climatological temperature.</summary>
    public int ColdestDayOfYear { get; init; } = 15;

    /// <summary>Half the typical daily temperature range (K) on a day of average cloudiness.</summary>
    public double DiurnalAmplitudeC { get; init; } = 4.0;

    /// <summary>The standard deviation of the day-to-day temperature anomaly (K).</summary>
    public double DailyAnomalySdC { get; init; } = 3.0;
}
