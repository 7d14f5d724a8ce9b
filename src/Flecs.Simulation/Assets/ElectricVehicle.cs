namespace Flecs.Simulation.Assets;

/// <summary>
/// An EV's wallbox demand. Each local day is a charging day with probability
/// <c>sessions per day ÷ sessions per charging day</c> (≈ 0.35 in the data); a charging day replays one
/// real (user, date) of the data — all of that user's sessions that day, with their plug-in times of
/// day, plugged durations and energies, so several plug-ins a day stay in their real sequence. The car
/// charges at the wallbox power from plug-in until the session's energy is delivered, it is unplugged,
/// or <see cref="EvOptions.MaxChargeHours"/> pass. Where a long charge from the day before overlaps the
/// next day's, they share the one wallbox (power capped at the wallbox rating).
/// </summary>
/// <remarks>
/// Stateless: <see cref="Generate"/> for a UTC day re-draws the previous, the same and the next day
/// (deterministic per (seed, day)), so sessions that cross midnight carry into the next day whatever
/// order the days are generated in. Plug-in times are local (CET/CEST) and mapped to UTC.
/// </remarks>
public sealed class ElectricVehicle
{
    private readonly EvOptions _options;
    private readonly EvSessions _sessions;
    private readonly ulong _seed;
    private readonly double _rate;
    private readonly double _chargingDayProbability;
    private readonly double _chargerW;

    /// <summary>Creates an EV.</summary>
    public ElectricVehicle(EvOptions options, EvSessions sessions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        if (options.ChargerKw <= 0)
        {
            throw new ArgumentException("The charger power must be positive.", nameof(options));
        }

        _options = options;
        _sessions = sessions;
        _seed = seed;
        _rate = options.SessionsPerDay ?? sessions.SessionsPerUserDay;
        _chargingDayProbability = Math.Clamp(_rate / sessions.SessionsPerChargingDay, 0.0, 1.0);
        _chargerW = options.ChargerKw * 1000.0;
    }

    /// <summary>The mean number of plug-ins per day.</summary>
    public double SessionsPerDay => _chargingDayProbability * _sessions.SessionsPerChargingDay;

    /// <summary>Writes the mean charging power (W) of each interval of a UTC day.</summary>
    public void Generate(DateOnly date, int intervalMinutes, Span<double> watts)
    {
        var count = WeatherDay.IntervalCount(intervalMinutes);
        if (watts.Length < count)
        {
            throw new ArgumentException("The span is shorter than the day's interval count.", nameof(watts));
        }

        Span<double> minutes = stackalloc double[1440];
        minutes.Clear();
        var maxChargeMinutes = Math.Min(_options.MaxChargeHours, 23.0) * 60.0;
        for (var k = -1; k <= 1; k++)
        {
            var drawDay = date.AddDays(k);
            var random = DayRandom.For(_seed, RandomStream.ElectricVehicle, drawDay.DayNumber);
            if (random.NextDouble() >= _chargingDayProbability)
            {
                continue;
            }

            var chargingDay = random.NextInt(_sessions.ChargingDayCount);
            for (var s = _sessions.DayOffsets[chargingDay]; s < _sessions.DayOffsets[chargingDay + 1]; s++)
            {
                var index = _sessions.DaySessions[s];
                var localMinute = _sessions.PlugInMinute[index];
                var offset = CentralEuropeanTime.OffsetMinutes(drawDay, Math.Max(0, localMinute - 60));
                var start = (k * 1440.0) + localMinute - offset;
                var chargeMinutes = Math.Min(
                    _sessions.EnergyKwh[index] / _options.ChargerKw * 60.0,
                    Math.Min(_sessions.DurationMinutes[index], maxChargeMinutes));
                AddBlock(minutes, start, start + chargeMinutes);
            }
        }

        var m = 0;
        for (var i = 0; i < count; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < intervalMinutes; j++, m++)
            {
                sum += Math.Min(minutes[m], 1.0);
            }

            watts[i] = sum * _chargerW / intervalMinutes;
        }
    }

    /// <summary>Adds the covered fraction of each minute of [start, end) (minutes from 00:00 UTC of the day).</summary>
    private static void AddBlock(Span<double> minutes, double start, double end)
    {
        var from = Math.Max(start, 0.0);
        var to = Math.Min(end, 1440.0);
        if (to <= from)
        {
            return;
        }

        var first = (int)from;
        var last = Math.Min((int)Math.Ceiling(to), 1440);
        for (var m = first; m < last; m++)
        {
            minutes[m] += Math.Min(to, m + 1.0) - Math.Max(from, m);
        }
    }
}
