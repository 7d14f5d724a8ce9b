namespace Flecs.Simulation.Assets;

/// <summary>
/// One UTC day of weather at one location: irradiance as interval means, solar geometry at the
/// interval midpoints, air temperature. Create it with <see cref="Weather.Day"/>, or directly with
/// measured data (fill the arrays) to drive the asset models with observations.
/// </summary>
public sealed class WeatherDay
{
    /// <summary>Allocates a day and computes its solar geometry; the irradiance and temperature arrays start at zero.</summary>
    /// <param name="date">The UTC date.</param>
    /// <param name="intervalMinutes">The interval length; must divide 1 440.</param>
    /// <param name="location">The site.</param>
    public WeatherDay(DateOnly date, int intervalMinutes, Location location)
    {
        ArgumentNullException.ThrowIfNull(location);
        Count = IntervalCount(intervalMinutes);
        Date = date;
        IntervalMinutes = intervalMinutes;
        Location = location;
        Ghi = new double[Count];
        Dni = new double[Count];
        Dhi = new double[Count];
        ClearSkyGhi = new double[Count];
        TemperatureC = new double[Count];
        Zenith = new double[Count];
        Azimuth = new double[Count];
        CosZenith = new double[Count];
        SinZenith = new double[Count];
        CosAzimuth = new double[Count];
        SinAzimuth = new double[Count];

        var julianDay = SolarPosition.JulianDay(date);
        for (var i = 0; i < Count; i++)
        {
            var minute = (i + 0.5) * intervalMinutes;
            var (zenith, azimuth) = SolarPosition.At(julianDay + (minute / 1440.0), minute, location.Latitude, location.Longitude);
            Zenith[i] = zenith;
            Azimuth[i] = azimuth;
            (SinZenith[i], CosZenith[i]) = Math.SinCos(zenith * Math.PI / 180.0);
            (SinAzimuth[i], CosAzimuth[i]) = Math.SinCos(azimuth * Math.PI / 180.0);
        }
    }

    /// <summary>The UTC date.</summary>
    public DateOnly Date { get; }

    /// <summary>The interval length in minutes.</summary>
    public int IntervalMinutes { get; }

    /// <summary>The number of intervals (1 440 ÷ <see cref="IntervalMinutes"/>).</summary>
    public int Count { get; }

    /// <summary>The site.</summary>
    public Location Location { get; }

    /// <summary>Global horizontal irradiance, interval mean (W/m²).</summary>
    public double[] Ghi { get; }

    /// <summary>Direct normal irradiance, interval mean (W/m²).</summary>
    public double[] Dni { get; }

    /// <summary>Diffuse horizontal irradiance, interval mean (W/m²).</summary>
    public double[] Dhi { get; }

    /// <summary>Clear-sky global horizontal irradiance, interval mean (W/m²).</summary>
    public double[] ClearSkyGhi { get; }

    /// <summary>Air temperature at the interval midpoint (°C).</summary>
    public double[] TemperatureC { get; }

    /// <summary>Solar zenith angle at the interval midpoint (degrees).</summary>
    public double[] Zenith { get; }

    /// <summary>Solar azimuth at the interval midpoint (degrees clockwise from north).</summary>
    public double[] Azimuth { get; }

    internal double[] CosZenith { get; }

    internal double[] SinZenith { get; }

    internal double[] CosAzimuth { get; }

    internal double[] SinAzimuth { get; }

    /// <summary>The number of intervals in a day, validating the interval length.</summary>
    public static int IntervalCount(int intervalMinutes)
    {
        if (intervalMinutes <= 0 || 1440 % intervalMinutes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalMinutes), intervalMinutes, "The interval must divide a day (1 440 minutes).");
        }

        return 1440 / intervalMinutes;
    }
}
