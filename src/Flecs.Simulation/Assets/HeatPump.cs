using System.Collections.Concurrent;

namespace Flecs.Simulation.Assets;

/// <summary>
/// An air-source heat pump's electricity demand. Space heat follows the degree-hour method,
/// <c>Q̇(t) = Q_space · max(0, T_limit − T(t)) / DH</c>, where DH is the expected annual degree-hours
/// of the climate (so a typical year delivers <see cref="HeatPumpOptions.AnnualHeatKwh"/>; colder years
/// more). Hot water comes as two daily tank reheats (morning and evening) at a fixed thermal power.
/// Electricity is heat ÷ COP, with the air-source regression of Staffell et al. (2012),
/// <c>COP = 6.08 − 0.09ΔT + 0.0005ΔT²</c> (ΔT = sink − source, K), times a field correction
/// (0.85, as in when2heat, Ruhnau et al. 2019), clamped to [1, 6].
/// </summary>
public sealed class HeatPump
{
    private const double HoursPerYear = 8766.0;

    private static readonly ConcurrentDictionary<(double Mean, double Seasonal, int Coldest, double Diurnal, double Anomaly, double Limit), double> DegreeHourCache = new();

    private readonly HeatPumpOptions _options;
    private readonly ulong _seed;
    private readonly double _spaceKwhPerDegreeHour;
    private readonly double _hotWaterKwhPerDay;

    /// <summary>Creates a heat pump sized for the default (German) climate of <see cref="WeatherOptions"/>.</summary>
    public HeatPump(HeatPumpOptions options, ulong seed)
        : this(options, new WeatherOptions(), seed)
    {
    }

    /// <summary>Creates a heat pump sized for the given climate.</summary>
    public HeatPump(HeatPumpOptions options, WeatherOptions climate, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(climate);
        _options = options;
        _seed = seed;
        var degreeHours = ExpectedDegreeHours(climate, options.HeatingLimitC);
        var spaceKwh = options.AnnualHeatKwh * (1.0 - options.HotWaterShare);
        _spaceKwhPerDegreeHour = degreeHours > 0 ? spaceKwh / degreeHours : 0.0;
        _hotWaterKwhPerDay = options.AnnualHeatKwh * options.HotWaterShare / 365.25;
        ExpectedAnnualDegreeHours = degreeHours;
    }

    /// <summary>The expected annual degree-hours (K·h) below the heating limit in the sizing climate.</summary>
    public double ExpectedAnnualDegreeHours { get; }

    /// <summary>The COP at a source (outdoor) and sink (flow) temperature.</summary>
    public double Cop(double sourceC, double sinkC)
    {
        var dt = Math.Max(sinkC - sourceC, 0.0);
        var cop = (6.08 - (0.09 * dt) + (0.0005 * dt * dt)) * _options.CopCorrection;
        return Math.Clamp(cop, 1.0, 6.0);
    }

    /// <summary>The space-heating flow temperature at an outdoor temperature (°C).</summary>
    public double FlowTemperature(double outdoorC) => _options.FlowTemperatureAt0C + (_options.FlowTemperatureSlope * outdoorC);

    /// <summary>The space-heating thermal power (W) at an outdoor temperature.</summary>
    public double SpaceHeatW(double outdoorC) => _spaceKwhPerDegreeHour * Math.Max(0.0, _options.HeatingLimitC - outdoorC) * 1000.0;

    /// <summary>Writes the mean electric demand (W) of each interval of the day.</summary>
    public void Generate(WeatherDay day, Span<double> watts)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (watts.Length < day.Count)
        {
            throw new ArgumentException("The span is shorter than the day's interval count.", nameof(watts));
        }

        var temperature = day.TemperatureC;
        for (var i = 0; i < day.Count; i++)
        {
            var t = temperature[i];
            var heat = SpaceHeatW(t);
            watts[i] = heat > 0 ? heat / Cop(t, FlowTemperature(t)) : 0.0;
        }

        AddHotWater(day, watts);
    }

    /// <summary>
    /// The expected degree-hours of a year of the climate's temperature model: the annual and diurnal
    /// cosines with a normal day-to-day anomaly, <c>E[max(0, L − T)] = (L − μ)Φ(z) + σφ(z)</c>, z = (L − μ)/σ.
    /// </summary>
    public static double ExpectedDegreeHours(WeatherOptions climate, double heatingLimitC)
    {
        ArgumentNullException.ThrowIfNull(climate);
        var key = (climate.AnnualMeanTemperatureC, climate.SeasonalAmplitudeC, climate.ColdestDayOfYear, climate.DiurnalAmplitudeC, climate.DailyAnomalySdC, heatingLimitC);
        return DegreeHourCache.GetOrAdd(key, static k =>
        {
            // The anomaly's spread includes the cloud-coupling term of the weather model (≈ 1.5 K·|cos|·sd(index)/0.3).
            var sigma = Math.Sqrt((k.Anomaly * k.Anomaly) + 1.0);
            var sum = 0.0;
            for (var h = 0; h < HoursPerYear; h++)
            {
                var day = h / 24.0;
                var mu = k.Mean - (k.Seasonal * Math.Cos(2.0 * Math.PI * (day - k.Coldest) / 365.25))
                    + (k.Diurnal * Math.Cos(2.0 * Math.PI * ((h % 24) - 15.0) / 24.0));
                var gap = k.Limit - mu;
                if (sigma <= 0)
                {
                    sum += Math.Max(0.0, gap);
                    continue;
                }

                var z = gap / sigma;
                sum += (gap * NormalDistribution.Cdf(z)) + (sigma * NormalDistribution.Density(z));
            }

            return sum * 365.0 / 365.25;
        });
    }

    private void AddHotWater(WeatherDay day, Span<double> watts)
    {
        if (_hotWaterKwhPerDay <= 0 || _options.HotWaterHeatingKw <= 0)
        {
            return;
        }

        // Two reheats a day: one starting 05:00–08:00, one 17:00–20:00 local (≈ UTC+1), ±20 % energy.
        var random = DayRandom.For(_seed, RandomStream.HotWater, day.Date.DayNumber);
        var powerW = _options.HotWaterHeatingKw * 1000.0;
        var meanTemperature = 0.0;
        for (var i = 0; i < day.Count; i++)
        {
            meanTemperature += day.TemperatureC[i];
        }

        meanTemperature /= day.Count;
        var electricW = powerW / Cop(meanTemperature, _options.HotWaterTemperatureC);
        for (var r = 0; r < 2; r++)
        {
            var startMinute = (r == 0 ? 240.0 : 960.0) + (180.0 * random.NextDouble());
            var kwh = _hotWaterKwhPerDay / 2.0 * (0.8 + (0.4 * random.NextDouble()));
            var endMinute = Math.Min(1440.0, startMinute + (kwh / _options.HotWaterHeatingKw * 60.0));
            var first = (int)(startMinute / day.IntervalMinutes);
            var last = Math.Min(day.Count - 1, (int)(endMinute / day.IntervalMinutes));
            for (var i = first; i <= last; i++)
            {
                var from = Math.Max(startMinute, i * (double)day.IntervalMinutes);
                var to = Math.Min(endMinute, (i + 1) * (double)day.IntervalMinutes);
                if (to > from)
                {
                    watts[i] += electricW * (to - from) / day.IntervalMinutes;
                }
            }
        }
    }
}
