namespace Flecs.Simulation.Assets;

/// <summary>
/// Clear-sky irradiance by the Ineichen–Perez model (Ineichen and Perez 2002, "A new airmass
/// independent formulation for the Linke turbidity coefficient", Solar Energy 73(3)), as implemented
/// in pvlib's <c>clearsky.ineichen</c>: Kasten–Young (1989) relative air mass, pressure-corrected to
/// the site altitude, and the extraterrestrial normal irradiance from Spencer's (1971) Fourier series.
/// </summary>
public static class ClearSky
{
    /// <summary>A Linke turbidity typical of central Europe over the year (SoDa monthly climatology ≈ 3–4.5).</summary>
    public const double DefaultLinkeTurbidity = 3.5;

    private const double Deg = Math.PI / 180.0;

    /// <summary>Clear-sky global horizontal, direct normal and diffuse horizontal irradiance (W/m²).</summary>
    /// <param name="zenithDeg">The solar zenith angle in degrees.</param>
    /// <param name="utc">The instant (its day of year sets the Sun–Earth distance).</param>
    /// <param name="linkeTurbidity">The Linke turbidity factor (air-mass-2 formulation).</param>
    /// <param name="altitudeM">The site altitude above sea level in metres.</param>
    public static (double Ghi, double Dni, double Dhi) At(
        double zenithDeg,
        DateTimeOffset utc,
        double linkeTurbidity = DefaultLinkeTurbidity,
        double altitudeM = 0)
        => At(zenithDeg, utc.UtcDateTime.DayOfYear, linkeTurbidity, altitudeM);

    /// <summary>Clear-sky irradiance for a day of the year (1–366).</summary>
    public static (double Ghi, double Dni, double Dhi) At(double zenithDeg, int dayOfYear, double linkeTurbidity, double altitudeM)
    {
        if (zenithDeg >= 90.0)
        {
            return (0, 0, 0);
        }

        var cosZenith = Math.Cos(zenithDeg * Deg);
        var relativeAirMass = 1.0 / (cosZenith + (0.50572 * Math.Pow(96.07995 - zenithDeg, -1.6364)));
        var pressure = 100.0 * Math.Pow((44331.514 - altitudeM) / 11880.516, 1.0 / 0.1902632);
        var airMass = relativeAirMass * pressure / 101325.0;
        var extraterrestrial = ExtraterrestrialNormal(dayOfYear);

        var fh1 = Math.Exp(-altitudeM / 8000.0);
        var fh2 = Math.Exp(-altitudeM / 1250.0);
        var cg1 = (5.09e-5 * altitudeM) + 0.868;
        var cg2 = (3.92e-5 * altitudeM) + 0.0387;

        var ghi = cg1 * extraterrestrial * cosZenith
            * Math.Exp(-cg2 * airMass * (fh1 + (fh2 * (linkeTurbidity - 1.0))))
            * Math.Exp(0.01 * Math.Pow(airMass, 1.8));
        ghi = Math.Max(ghi, 0.0);

        var b = 0.664 + (0.163 / fh1);
        var bnci = b * Math.Exp(-0.09 * airMass * (linkeTurbidity - 1.0)) * extraterrestrial;
        var bnci2 = ghi * (1.0 - ((0.1 - (0.2 * Math.Exp(-linkeTurbidity))) / (0.1 + (0.882 / fh1)))) / cosZenith;
        var dni = Math.Max(Math.Min(bnci, bnci2), 0.0);
        var dhi = Math.Max(ghi - (dni * cosZenith), 0.0);
        return (ghi, dni, dhi);
    }

    /// <summary>The extraterrestrial normal irradiance (W/m²), Spencer (1971) with a 1367 W/m² solar constant.</summary>
    public static double ExtraterrestrialNormal(int dayOfYear)
    {
        var b = 2.0 * Math.PI * (dayOfYear - 1) / 365.0;
        var ratio = 1.00011 + (0.034221 * Math.Cos(b)) + (0.00128 * Math.Sin(b))
            + (0.000719 * Math.Cos(2 * b)) + (0.000077 * Math.Sin(2 * b));
        return 1367.0 * ratio;
    }
}
