namespace Flecs.Simulation.Assets;

/// <summary>
/// The Sun's position from the NOAA Solar Calculator equations (after Meeus, "Astronomical
/// Algorithms", 1991): declination and equation of time from the Julian century, geometric zenith
/// (no refraction) and azimuth. Accurate to about 0.01° between 1950 and 2050, well inside what the
/// irradiance models need.
/// </summary>
public static class SolarPosition
{
    private const double Deg = Math.PI / 180.0;

    /// <summary>The solar zenith and azimuth (degrees; azimuth clockwise from north) at a UTC instant.</summary>
    public static (double ZenithDeg, double AzimuthDeg) At(DateTimeOffset utc, Location location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var ticks = utc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var julianDay = (ticks / (double)TimeSpan.TicksPerDay) + 2440587.5;
        var minuteOfDay = utc.UtcDateTime.TimeOfDay.TotalMinutes;
        return At(julianDay, minuteOfDay, location.Latitude, location.Longitude);
    }

    /// <summary>The position from a Julian day and the UTC minute of the day (used per interval without DateTime arithmetic).</summary>
    internal static (double ZenithDeg, double AzimuthDeg) At(double julianDay, double utcMinuteOfDay, double latitude, double longitude)
    {
        var t = (julianDay - 2451545.0) / 36525.0;
        var meanLongitude = (280.46646 + (t * (36000.76983 + (t * 0.0003032)))) % 360.0;
        var meanAnomaly = 357.52911 + (t * (35999.05029 - (0.0001537 * t)));
        var eccentricity = 0.016708634 - (t * (0.000042037 + (0.0000001267 * t)));
        var m = meanAnomaly * Deg;
        var center = (Math.Sin(m) * (1.914602 - (t * (0.004817 + (0.000014 * t)))))
            + (Math.Sin(2 * m) * (0.019993 - (0.000101 * t)))
            + (Math.Sin(3 * m) * 0.000289);
        var trueLongitude = meanLongitude + center;
        var omega = (125.04 - (1934.136 * t)) * Deg;
        var apparentLongitude = (trueLongitude - 0.00569 - (0.00478 * Math.Sin(omega))) * Deg;
        var meanObliquity = 23.0 + ((26.0 + ((21.448 - (t * (46.815 + (t * (0.00059 - (t * 0.001813)))))) / 60.0)) / 60.0);
        var obliquity = (meanObliquity + (0.00256 * Math.Cos(omega))) * Deg;
        var declination = Math.Asin(Math.Sin(obliquity) * Math.Sin(apparentLongitude));

        var y = Math.Tan(obliquity / 2.0);
        y *= y;
        var l0 = meanLongitude * Deg;
        var equationOfTime = 4.0 / Deg * ((y * Math.Sin(2 * l0))
            - (2 * eccentricity * Math.Sin(m))
            + (4 * eccentricity * y * Math.Sin(m) * Math.Cos(2 * l0))
            - (0.5 * y * y * Math.Sin(4 * l0))
            - (1.25 * eccentricity * eccentricity * Math.Sin(2 * m)));

        var trueSolarMinutes = utcMinuteOfDay + equationOfTime + (4.0 * longitude);
        var hourAngle = ((trueSolarMinutes / 4.0) - 180.0) * Deg;
        var phi = latitude * Deg;
        var (sinPhi, cosPhi) = Math.SinCos(phi);
        var (sinDec, cosDec) = Math.SinCos(declination);
        var (sinH, cosH) = Math.SinCos(hourAngle);
        var cosZenith = Math.Clamp((sinPhi * sinDec) + (cosPhi * cosDec * cosH), -1.0, 1.0);
        var zenith = Math.Acos(cosZenith) / Deg;
        var azimuth = (Math.Atan2(sinH, (cosH * sinPhi) - (Math.Tan(declination) * cosPhi)) / Deg) + 180.0;
        return (zenith, azimuth % 360.0);
    }

    /// <summary>The Julian day of 00:00 UTC on a date.</summary>
    internal static double JulianDay(DateOnly date) => date.DayNumber + 1721425.5;
}
