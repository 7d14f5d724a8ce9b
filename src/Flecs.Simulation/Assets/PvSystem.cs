namespace Flecs.Simulation.Assets;

/// <summary>
/// A PV system's AC output. Plane-of-array irradiance by the isotropic-sky model (Liu and Jordan 1963)
/// with ASHRAE incidence-angle losses on the beam (b₀ = 0.05), cell temperature from the NOCT model,
/// DC power <c>P = kWp · POA/1000 · (1 + γ(T_cell − 25)) · (1 − losses)</c>, and AC power at a constant
/// inverter efficiency clipped at the inverter rating (PVWatts v5 structure).
/// </summary>
public sealed class PvSystem
{
    private const double Deg = Math.PI / 180.0;
    private const double IamCoefficient = 0.05;

    private readonly PvOptions _options;
    private readonly double _cosTilt;
    private readonly double _sinTilt;
    private readonly double _cosAzimuth;
    private readonly double _sinAzimuth;
    private readonly double _skyView;
    private readonly double _groundView;
    private readonly double _dcWattsPerIrradiance;
    private readonly double _acLimitW;
    private readonly double _cellRise;

    /// <summary>Creates a system at a site (the site is kept for reference; the geometry comes with each <see cref="WeatherDay"/>).</summary>
    public PvSystem(PvOptions options, Location location)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(location);
        _options = options;
        Location = location;
        (_sinTilt, _cosTilt) = Math.SinCos(options.Tilt * Deg);
        (_sinAzimuth, _cosAzimuth) = Math.SinCos(options.Azimuth * Deg);
        _skyView = (1.0 + _cosTilt) / 2.0;
        _groundView = options.Albedo * (1.0 - _cosTilt) / 2.0;
        _dcWattsPerIrradiance = options.Kwp * (1.0 - options.SystemLosses);
        _acLimitW = options.Kwp * 1000.0 / options.DcAcRatio;
        _cellRise = (options.NoctC - 20.0) / 800.0;
    }

    /// <summary>The options.</summary>
    public PvOptions Options => _options;

    /// <summary>The site.</summary>
    public Location Location { get; }

    /// <summary>The AC rating (W) at which the inverter clips.</summary>
    public double AcLimitW => _acLimitW;

    /// <summary>Writes the mean AC output (W, ≥ 0) of each interval of the day.</summary>
    public void Generate(WeatherDay day, Span<double> watts)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (watts.Length < day.Count)
        {
            throw new ArgumentException("The span is shorter than the day's interval count.", nameof(watts));
        }

        var cosZenith = day.CosZenith;
        var sinZenith = day.SinZenith;
        var cosAz = day.CosAzimuth;
        var sinAz = day.SinAzimuth;
        var ghi = day.Ghi;
        var dni = day.Dni;
        var dhi = day.Dhi;
        var temperature = day.TemperatureC;
        for (var i = 0; i < day.Count; i++)
        {
            if (ghi[i] <= 0.0)
            {
                watts[i] = 0.0;
                continue;
            }

            // cos(AOI) = cos z·cos β + sin z·sin β·cos(γs − γp)
            var cosAoi = (cosZenith[i] * _cosTilt)
                + (sinZenith[i] * _sinTilt * ((cosAz[i] * _cosAzimuth) + (sinAz[i] * _sinAzimuth)));
            var beam = 0.0;
            if (cosAoi > 0.0 && cosZenith[i] > 0.0)
            {
                var iam = Math.Max(0.0, 1.0 - (IamCoefficient * ((1.0 / Math.Max(cosAoi, 0.05)) - 1.0)));
                beam = dni[i] * cosAoi * iam;
            }

            var poa = beam + (dhi[i] * _skyView) + (ghi[i] * _groundView);
            var cell = temperature[i] + (_cellRise * poa);
            var dc = _dcWattsPerIrradiance * poa * (1.0 + (_options.TemperatureCoefficient * (cell - 25.0)));
            watts[i] = Math.Clamp(dc * _options.InverterEfficiency, 0.0, _acLimitW);
        }
    }
}
