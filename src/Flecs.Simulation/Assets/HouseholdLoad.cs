namespace Flecs.Simulation.Assets;

/// <summary>
/// A household's electricity demand at minute resolution: a BDEW profile (local legal time, mapped
/// from UTC with the EU summer-time rule) times a mean-one lognormal AR(1) noise, plus appliance
/// switch-on spikes (kettle, hob, oven, washing machine: 1–3 kW for 2–8 minutes) whose expected
/// energy is a fixed share of the profile, so the expected energy equals the profile's.
/// Deterministic per (seed, date); every call is independent of the calls before it.
/// </summary>
public sealed class HouseholdLoad
{
    /// <summary>The share of the profile energy that comes as appliance spikes.</summary>
    public const double SpikeShare = 0.2;

    private const double MeanSpikeWattMinutes = 2000.0 * 5.0;
    private const double NoiseTimeConstantMinutes = 20.0;

    private readonly LoadProfile _profile;
    private readonly double _annualKwh;
    private readonly ulong _seed;
    private readonly double _sigma;
    private readonly double _phi;
    private readonly double _innovation;

    /// <summary>Creates a household.</summary>
    /// <param name="profileId">A <see cref="LoadProfile"/> id such as <c>"H0"</c> or <c>"H25"</c>.</param>
    /// <param name="annualKwh">The annual consumption the profile is scaled to.</param>
    /// <param name="noise">The relative standard deviation of the minute-level multiplicative noise (e.g. 0.35).</param>
    /// <param name="seed">The random seed.</param>
    public HouseholdLoad(string profileId, double annualKwh, double noise, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(annualKwh);
        ArgumentOutOfRangeException.ThrowIfNegative(noise);
        _profile = LoadProfile.Get(profileId);
        _annualKwh = annualKwh;
        _seed = seed;
        _sigma = Math.Sqrt(Math.Log(1.0 + (noise * noise)));
        _phi = Math.Exp(-1.0 / NoiseTimeConstantMinutes);
        _innovation = Math.Sqrt(1.0 - (_phi * _phi));
    }

    /// <summary>The profile.</summary>
    public LoadProfile Profile => _profile;

    /// <summary>The annual consumption (kWh).</summary>
    public double AnnualKwh => _annualKwh;

    /// <summary>Writes the mean demand (W) of each interval of a UTC day.</summary>
    public void Generate(DateOnly date, int intervalMinutes, Span<double> watts)
    {
        var count = WeatherDay.IntervalCount(intervalMinutes);
        if (watts.Length < count)
        {
            throw new ArgumentException("The span is shorter than the day's interval count.", nameof(watts));
        }

        Span<double> quarterHourWatts = stackalloc double[96];
        ProfileWatts(date, quarterHourWatts);

        Span<double> spikes = stackalloc double[1440];
        spikes.Clear();
        var random = DayRandom.For(_seed, RandomStream.Household, date.DayNumber);
        var x = random.NextGaussian();
        var bias = 0.5 * _sigma * _sigma;
        var baseShare = 1.0 - SpikeShare;
        var rateScale = SpikeShare / MeanSpikeWattMinutes;
        var minute = 0;
        for (var i = 0; i < count; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < intervalMinutes; j++, minute++)
            {
                var profile = quarterHourWatts[minute / 15];
                x = (_phi * x) + (_innovation * random.NextGaussian());
                var value = profile * baseShare * Math.Exp((_sigma * x) - bias);
                if (random.NextDouble() < profile * rateScale)
                {
                    var power = 1000.0 + (2000.0 * random.NextDouble());
                    var end = Math.Min(1440, minute + 2 + random.NextInt(7));
                    for (var k = minute; k < end; k++)
                    {
                        spikes[k] += power;
                    }
                }

                sum += value + spikes[minute];
            }

            watts[i] = sum / intervalMinutes;
        }
    }

    /// <summary>The profile power (W) of each UTC quarter-hour of a UTC day.</summary>
    internal void ProfileWatts(DateOnly date, Span<double> quarterHourWatts)
    {
        var values = _profile.Values;
        var scale = _annualKwh / 1000.0;
        var startOffset = CentralEuropeanTime.OffsetMinutes(date, 0);
        var endOffset = CentralEuropeanTime.OffsetMinutes(date, 1439);
        var today = _profile.Day(date);
        var tomorrow = _profile.Day(date.AddDays(1));
        for (var q = 0; q < 96; q++)
        {
            var offset = startOffset == endOffset ? startOffset : CentralEuropeanTime.OffsetMinutes(date, q * 15);
            var localMinute = (q * 15) + offset;
            var (row, factor) = localMinute < 1440 ? today : tomorrow;
            quarterHourWatts[q] = values[row + ((localMinute % 1440) / 15)] * factor * scale;
        }
    }
}
