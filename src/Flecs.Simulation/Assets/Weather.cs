namespace Flecs.Simulation.Assets;

/// <summary>
/// Synthetic weather, deterministic in (seed, date): the same day has the same values whichever
/// days were generated before, because every day draws from its own generator and day-to-day
/// persistence comes from moving averages of those per-day draws rather than from carried state.
/// </summary>
/// <remarks>
/// Irradiance: Ineichen–Perez clear sky × a clear-sky index. The daily index comes from a persistent
/// latent Gaussian mapped onto [0.12, 1] with a seasonal mean; days above 0.85 are clear, below 0.35
/// overcast, and in between "mixed" days alternate minute by minute between sun (index ≈ 1) and
/// cloud (index 0.15–0.45) as a two-state Markov chain whose sunny share matches the daily index.
/// Beam and diffuse follow from the index (full clear-sky beam at index 1, none below 0.25).
/// Temperature: annual cosine + diurnal cosine (peak 15:00 solar time, wider on clear days) +
/// a persistent daily anomaly, interpolated between days so that there is no jump at midnight.
/// See <c>docs/simulation-models.md</c>.
/// </remarks>
public sealed class Weather
{
    private const double MinIndex = 0.12;
    private const double MaxIndex = 1.0;
    private const double ClearDayIndex = 0.85;
    private const double OvercastDayIndex = 0.35;
    private const double CloudIndexMean = 0.30;

    private readonly Location _location;
    private readonly WeatherOptions _options;
    private readonly ulong _seed;
    private readonly double _latentNorm = Math.Sqrt(1.0 + (0.6 * 0.6) + (0.3 * 0.3));
    private readonly double _temperatureNorm = Math.Sqrt(1.0 + (0.7 * 0.7) + (0.4 * 0.4));

    /// <summary>Creates the weather of a site.</summary>
    public Weather(Location location, WeatherOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(options);
        _location = location;
        _options = options;
        _seed = seed;
    }

    /// <summary>The site.</summary>
    public Location Location => _location;

    /// <summary>The climate.</summary>
    public WeatherOptions Options => _options;

    /// <summary>Generates one UTC day at the given interval length (which must divide 1 440 minutes).</summary>
    public WeatherDay Day(DateOnly date, int intervalMinutes)
    {
        var day = new WeatherDay(date, intervalMinutes, _location);
        FillIrradiance(day);
        FillTemperature(day);
        return day;
    }

    /// <summary>The daily mean clear-sky index of a day (deterministic in seed and date).</summary>
    public double DailyClearSkyIndex(DateOnly date) => DailyIndex(date.DayNumber);

    /// <summary>The air temperature (°C) at a UTC minute of a day, without generating irradiance.</summary>
    public double TemperatureAt(DateOnly date, double utcMinuteOfDay)
    {
        var d = date.DayNumber;
        Span<double> anomaly = stackalloc double[3];
        Span<double> amplitude = stackalloc double[3];
        for (var k = 0; k < 3; k++)
        {
            (anomaly[k], amplitude[k]) = DailyTemperatureTerms(d - 1 + k);
        }

        return Temperature(date, utcMinuteOfDay, anomaly, amplitude);
    }

    private void FillIrradiance(WeatherDay day)
    {
        var d = day.Date.DayNumber;
        var doy = day.Date.DayOfYear;
        var dailyIndex = DailyIndex(d);
        var random = DayRandom.For(_seed, RandomStream.CloudPassages, d);
        var julianDay = SolarPosition.JulianDay(day.Date);
        var lat = _location.Latitude;
        var lon = _location.Longitude;

        // Mixed days: a two-state (sun / cloud) chain with mean cycle length L and sunny share f.
        var sunnyShare = Math.Clamp((dailyIndex - CloudIndexMean) / (MaxIndex - CloudIndexMean), 0.02, 0.98);
        var cycle = 30.0 / Math.Max(_options.Variability, 0.05);
        var leaveSun = 1.0 / Math.Max(1.0, sunnyShare * cycle);
        var leaveCloud = 1.0 / Math.Max(1.0, (1.0 - sunnyShare) * cycle);
        var sunny = random.NextDouble() < sunnyShare;
        var cloudDepth = 0.15 + (0.3 * random.NextDouble());
        var smooth = random.NextGaussian();

        var perInterval = day.IntervalMinutes;
        for (var i = 0; i < day.Count; i++)
        {
            double ghi = 0, dni = 0, dhi = 0, clear = 0;
            for (var j = 0; j < perInterval; j++)
            {
                var minute = (i * perInterval) + j + 0.5;
                double index;
                if (dailyIndex >= ClearDayIndex)
                {
                    smooth = (0.95 * smooth) + (0.312 * random.NextGaussian());
                    index = dailyIndex * (1.0 + (0.01 * smooth));
                }
                else if (dailyIndex <= OvercastDayIndex)
                {
                    smooth = (0.95 * smooth) + (0.312 * random.NextGaussian());
                    index = dailyIndex * Math.Exp((0.15 * smooth) - 0.01125);
                }
                else
                {
                    if (sunny)
                    {
                        if (random.NextDouble() < leaveSun)
                        {
                            sunny = false;
                            cloudDepth = 0.15 + (0.3 * random.NextDouble());
                        }
                    }
                    else if (random.NextDouble() < leaveCloud)
                    {
                        sunny = true;
                    }

                    index = sunny ? 1.0 + (0.02 * random.NextGaussian()) : cloudDepth;
                }

                var (zenith, _) = SolarPosition.At(julianDay + (minute / 1440.0), minute, lat, lon);
                if (zenith >= 90.0)
                {
                    continue;
                }

                var cs = ClearSky.At(zenith, doy, _options.LinkeTurbidity, _options.AltitudeM);
                var g = index * cs.Ghi;
                var beam = Math.Clamp((index - 0.25) / 0.75, 0.0, 1.0) * cs.Dni;
                var cosZ = Math.Cos(zenith * Math.PI / 180.0);
                ghi += g;
                dni += beam;
                dhi += Math.Max(g - (beam * cosZ), 0.0);
                clear += cs.Ghi;
            }

            day.Ghi[i] = ghi / perInterval;
            day.Dni[i] = dni / perInterval;
            day.Dhi[i] = dhi / perInterval;
            day.ClearSkyGhi[i] = clear / perInterval;
        }
    }

    private void FillTemperature(WeatherDay day)
    {
        var d = day.Date.DayNumber;
        Span<double> anomaly = stackalloc double[3];
        Span<double> amplitude = stackalloc double[3];
        for (var k = 0; k < 3; k++)
        {
            (anomaly[k], amplitude[k]) = DailyTemperatureTerms(d - 1 + k);
        }

        for (var i = 0; i < day.Count; i++)
        {
            day.TemperatureC[i] = Temperature(day.Date, (i + 0.5) * day.IntervalMinutes, anomaly, amplitude);
        }
    }

    private double Temperature(DateOnly date, double minute, ReadOnlySpan<double> anomaly, ReadOnlySpan<double> amplitude)
    {
        // Day-level terms are anchored at noon UTC and interpolated linearly in between.
        double a, amp;
        if (minute < 720)
        {
            var w = (minute + 720) / 1440.0;
            a = anomaly[0] + (w * (anomaly[1] - anomaly[0]));
            amp = amplitude[0] + (w * (amplitude[1] - amplitude[0]));
        }
        else
        {
            var w = (minute - 720) / 1440.0;
            a = anomaly[1] + (w * (anomaly[2] - anomaly[1]));
            amp = amplitude[1] + (w * (amplitude[2] - amplitude[1]));
        }

        var yearFraction = (date.DayOfYear - 1 + (minute / 1440.0) - _options.ColdestDayOfYear) / 365.25;
        var seasonal = _options.AnnualMeanTemperatureC - (_options.SeasonalAmplitudeC * Math.Cos(2.0 * Math.PI * yearFraction));
        var solarHour = (minute / 60.0) + (_location.Longitude / 15.0);
        var diurnal = amp * Math.Cos(2.0 * Math.PI * (solarHour - 15.0) / 24.0);
        return seasonal + diurnal + a;
    }

    private (double Anomaly, double DiurnalAmplitude) DailyTemperatureTerms(int dayNumber)
    {
        var latent = (TemperatureDraw(dayNumber) + (0.7 * TemperatureDraw(dayNumber - 1)) + (0.4 * TemperatureDraw(dayNumber - 2))) / _temperatureNorm;
        var index = DailyIndex(dayNumber);
        var mean = SeasonalMeanIndex(DateOnly.FromDayNumber(dayNumber).DayOfYear);

        // Clear days are warmer than usual in summer and colder in winter (radiative balance).
        var doy = DateOnly.FromDayNumber(dayNumber).DayOfYear;
        var season = Math.Cos(2.0 * Math.PI * (doy - 196) / 365.25);
        var cloudEffect = 1.5 * season * (index - mean) / 0.3;
        var amplitude = _options.DiurnalAmplitudeC * Math.Clamp(0.5 + (0.5 * index / mean), 0.4, 1.6);
        return ((_options.DailyAnomalySdC * latent) + cloudEffect, amplitude);
    }

    private double DailyIndex(int dayNumber)
    {
        var latent = (CloudDraw(dayNumber) + (0.6 * CloudDraw(dayNumber - 1)) + (0.3 * CloudDraw(dayNumber - 2))) / _latentNorm;
        var u = NormalDistribution.Cdf(latent);
        var mean = SeasonalMeanIndex(DateOnly.FromDayNumber(dayNumber).DayOfYear);

        // k = min + (max − min)·u^γ has the mean min + (max − min)/(γ + 1) for u uniform.
        var gamma = ((MaxIndex - MinIndex) / (mean - MinIndex)) - 1.0;
        return MinIndex + ((MaxIndex - MinIndex) * Math.Pow(u, gamma));
    }

    private double SeasonalMeanIndex(int dayOfYear) =>
        Math.Clamp(
            _options.MeanClearSkyIndex + (_options.SeasonalClearSkyIndexAmplitude * Math.Cos(2.0 * Math.PI * (dayOfYear - 172) / 365.25)),
            0.2,
            0.95);

    private double CloudDraw(int dayNumber) => DayRandom.For(_seed, RandomStream.CloudRegime, dayNumber).NextGaussian();

    private double TemperatureDraw(int dayNumber) => DayRandom.For(_seed, RandomStream.TemperatureAnomaly, dayNumber).NextGaussian();
}
