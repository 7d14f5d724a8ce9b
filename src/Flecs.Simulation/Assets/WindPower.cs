namespace Flecs.Simulation.Assets;

/// <summary>
/// A wind farm's capacity factor per interval. A latent standard-normal wind state combines a
/// persistent daily weather term (moving average of per-day draws, interpolated between days) with
/// an intra-day term (hourly draws, linearly interpolated); it is mapped to a Weibull wind speed by
/// its quantile and through a cubic power curve (cut-in, rated, cut-out). Deterministic per (seed, date).
/// </summary>
public static class WindPower
{
    private const double DailyWeight = 0.85;

    /// <summary>Writes the capacity factor (0–1) of each interval of a UTC day.</summary>
    public static void CapacityFactors(WindOptions options, ulong seed, DateOnly date, int intervalMinutes, Span<double> factors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = WeatherDay.IntervalCount(intervalMinutes);
        if (factors.Length < count)
        {
            throw new ArgumentException("The span is shorter than the day's interval count.", nameof(factors));
        }

        var d = date.DayNumber;
        var previous = DailyState(seed, d - 1);
        var today = DailyState(seed, d);
        var next = DailyState(seed, d + 1);

        // 25 hourly intra-day knots; the knot at 24:00 is the next day's 00:00 knot, so days join.
        Span<double> knots = stackalloc double[25];
        var random = DayRandom.For(seed, RandomStream.WindIntraday, d);
        for (var h = 0; h < 24; h++)
        {
            knots[h] = random.NextGaussian();
        }

        knots[24] = DayRandom.For(seed, RandomStream.WindIntraday, d + 1).NextGaussian();

        var intraWeight = Math.Sqrt(1.0 - (DailyWeight * DailyWeight));
        var doy = date.DayOfYear;
        var seasonal = 1.0 + (options.SeasonalAmplitude * Math.Cos(2.0 * Math.PI * (doy - 15) / 365.25));
        var k = options.WeibullShape;
        var scale = options.MeanWindSpeed * seasonal / Gamma(1.0 + (1.0 / k));
        for (var i = 0; i < count; i++)
        {
            var minute = (i + 0.5) * intervalMinutes;
            var daily = minute < 720
                ? previous + ((today - previous) * (minute + 720) / 1440.0)
                : today + ((next - today) * (minute - 720) / 1440.0);
            var hour = minute / 60.0;
            var h0 = (int)hour;
            var intra = knots[h0] + ((knots[h0 + 1] - knots[h0]) * (hour - h0));
            var latent = (DailyWeight * daily) + (intraWeight * intra);
            var u = Math.Clamp(NormalDistribution.Cdf(latent), 1e-12, 1.0 - 1e-12);
            var speed = scale * Math.Pow(-Math.Log(1.0 - u), 1.0 / k);
            factors[i] = PowerCurve(options, speed) * (1.0 - options.Losses);
        }
    }

    /// <summary>The power curve: 0 below cut-in and above cut-out, cubic between cut-in and rated, 1 above rated.</summary>
    public static double PowerCurve(WindOptions options, double speed)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (speed < options.CutInSpeed || speed >= options.CutOutSpeed)
        {
            return 0.0;
        }

        if (speed >= options.RatedSpeed)
        {
            return 1.0;
        }

        var cin3 = options.CutInSpeed * options.CutInSpeed * options.CutInSpeed;
        var rated3 = options.RatedSpeed * options.RatedSpeed * options.RatedSpeed;
        return ((speed * speed * speed) - cin3) / (rated3 - cin3);
    }

    private static double DailyState(ulong seed, int dayNumber)
    {
        static double Draw(ulong seed, int day) => DayRandom.For(seed, RandomStream.WindDaily, day).NextGaussian();
        var sum = Draw(seed, dayNumber) + (0.7 * Draw(seed, dayNumber - 1)) + (0.4 * Draw(seed, dayNumber - 2));
        return sum / Math.Sqrt(1.0 + 0.49 + 0.16);
    }

    /// <summary>Γ(x) for x in [1, 2] (Lanczos approximation, g = 7).</summary>
    private static double Gamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        x -= 1.0;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }

        return Math.Sqrt(2.0 * Math.PI) * Math.Pow(t, x + 0.5) * Math.Exp(-t) * a;
    }
}
