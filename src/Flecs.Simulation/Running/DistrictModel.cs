using Flecs.Settlement.Meters;
using Flecs.Simulation.Assets;
using Flecs.Simulation.Scenarios;

namespace Flecs.Simulation.Running;

/// <summary>
/// The physical district: every household's appliances, PV, battery, EV and heat pump, the businesses and the
/// generators, stepped a day at a time (in date order: batteries carry their charge over). Produces the readings
/// the agents sign and the figures the report needs. Households are computed in fixed chunks in parallel and
/// summed in chunk order, so the result does not depend on the thread schedule.
/// </summary>
internal sealed class DistrictModel
{
    private const int Chunks = 16;
    private readonly DistrictPlan _plan;
    private readonly Weather _weather;
    private readonly int _minutes;
    private readonly Household[] _households;
    private readonly Business[] _businesses;
    private readonly Generator[] _generators;

    public DistrictModel(DistrictPlan plan)
    {
        _plan = plan;
        var scenario = plan.Scenario;
        var seed = unchecked((ulong)scenario.Seed);
        var location = new Location(scenario.Location.Latitude, scenario.Location.Longitude);
        _weather = new Weather(location, scenario.Weather, seed);
        _minutes = scenario.IntervalMinutes;
        _households = [.. plan.Households.Select(h => new Household(h, location, scenario.Weather, seed))];
        // Households use seed + index (index < 100,000); businesses and generators get seeds of their own, far from those.
        _businesses = [.. scenario.Businesses.Select((b, i) => new Business(b, DemandResponseEvents(plan, b.Id, _minutes), unchecked(seed + SimulationStreams.BusinessSeedOffset + (ulong)i)))];
        _generators = [.. scenario.Generators.Select((g, i) => new Generator(g, location, unchecked(seed + SimulationStreams.GeneratorSeedOffset + (ulong)i)))];
        MeteredGenerators = [.. _generators.Select((g, i) => (g, i)).Where(x => x.g.IsMetered).Select(x => x.i)];
    }

    /// <summary>Indexes (into the scenario's generators) of those with meters, in scenario order.</summary>
    public IReadOnlyList<int> MeteredGenerators { get; }

    /// <summary>Simulates one day; call for consecutive dates.</summary>
    public DayData Generate(DateOnly date)
    {
        var weather = _weather.Day(date, _minutes);
        var count = weather.Count;
        var day = new DayData(date, count, _households.Length, _businesses.Length, MeteredGenerators.Count)
        {
            Load = new double[count],
            Pv = new double[count],
            SelfConsumption = new double[count],
            BatteryCharge = new double[count],
            BatteryDischarge = new double[count],
            Ev = new double[count],
            HeatPump = new double[count],
            Generation = new double[count],
            GeneratorHourlyMw = new double[_generators.Length][],
        };

        var partials = new Sums[Chunks];
        Parallel.For(0, Chunks, chunk =>
        {
            var sums = new Sums(count);
            var buffers = new Buffers(count);
            for (var h = chunk; h < _households.Length; h += Chunks)
            {
                day.HouseholdTotals[h] = _households[h].Step(date, weather, _minutes, buffers, sums, day.Households[h]);
            }

            partials[chunk] = sums;
        });
        foreach (var sums in partials)
        {
            sums.AddTo(day);
        }

        var buffer = new double[count];
        for (var b = 0; b < _businesses.Length; b++)
        {
            day.BusinessTotals[b] = _businesses[b].Step(date, _minutes, buffer, day.Businesses[b], day.Load);
        }

        var metered = 0;
        for (var g = 0; g < _generators.Length; g++)
        {
            day.GeneratorHourlyMw[g] = _generators[g].Step(date, weather, _plan.Scenario.Wind, _minutes, buffer, _generators[g].IsMetered ? day.Generators[metered++] : null, day.Generation);
        }

        return day;
    }

    /// <summary>The event mask of a demand-response provider's contracts (flags of the <c>events</c> profile, per interval of the day).</summary>
    private static bool[] DemandResponseEvents(DistrictPlan plan, string provider, int minutes)
    {
        var mask = new bool[1_440 / minutes];
        foreach (var contract in plan.Contracts.Where(c => string.Equals(c.Template, "demand-response", StringComparison.Ordinal) && c.Parties.Any(p => string.Equals(p.Key, "provider", StringComparison.Ordinal) && string.Equals(p.Value, provider, StringComparison.Ordinal))))
        {
            using var json = System.Text.Json.JsonDocument.Parse(contract.ParametersJson);
            var events = json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetInt64() != 0).ToArray();
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] |= events[i * minutes * events.Length / 1_440];
            }
        }

        return mask;
    }

    private static long MilliWattHours(double watts, int minutes) => (long)Math.Round(Math.Max(0, watts) * minutes * 1_000 / 60.0, MidpointRounding.ToEven);

    private static double KilowattHours(double watts, int minutes) => watts * minutes / 60_000.0;

    private sealed class Household(HouseholdPlan plan, Location location, WeatherOptions climate, ulong seed)
    {
        private readonly HouseholdLoad _load = new(plan.Profile, plan.AnnualKwh, plan.Noise, unchecked(seed + (ulong)plan.Index));
        private readonly PvSystem? _pv = plan.Pv is { } pv ? new PvSystem(pv, location) : null;
        private readonly Battery? _battery = plan.Battery is { } battery ? new Battery(battery) : null;
        private readonly ElectricVehicle? _ev = plan.Ev is { } ev ? new ElectricVehicle(ev, EvSessions.Trondheim, unchecked(seed + (ulong)plan.Index)) : null;
        private readonly HeatPump? _heatPump = plan.HeatPump is { } hp ? new HeatPump(hp, climate, unchecked(seed + (ulong)plan.Index)) : null;

        public PlayerTotals Step(DateOnly date, WeatherDay weather, int minutes, Buffers b, Sums sums, MeterReadingValue[] readings)
        {
            _load.Generate(date, minutes, b.Load);
            Fill(_ev is null, b.Ev, span => _ev!.Generate(date, minutes, span));
            Fill(_heatPump is null, b.HeatPump, span => _heatPump!.Generate(weather, span));
            Fill(_pv is null, b.Pv, span => _pv!.Generate(weather, span));
            double load = 0, pv = 0, import = 0, export = 0;
            for (var i = 0; i < readings.Length; i++)
            {
                var loadW = b.Load[i] + b.Ev[i] + b.HeatPump[i];
                var pvW = b.Pv[i];
                var gridW = loadW - pvW;
                if (_battery is not null)
                {
                    var step = _battery.Step(gridW, minutes);
                    gridW = step.GridW;
                    sums.BatteryCharge[i] += KilowattHours(step.ChargeW, minutes);
                    sums.BatteryDischarge[i] += KilowattHours(step.DischargeW, minutes);
                }

                var reading = new MeterReadingValue(MilliWattHours(gridW, minutes), MilliWattHours(-gridW, minutes));
                readings[i] = reading;
                var loadKwh = KilowattHours(loadW, minutes);
                var pvKwh = KilowattHours(pvW, minutes);
                var exportKwh = reading.Export / 1e6;
                sums.Load[i] += loadKwh;
                sums.Pv[i] += pvKwh;
                sums.SelfConsumption[i] += Math.Max(0, pvKwh - exportKwh);
                sums.Ev[i] += KilowattHours(b.Ev[i], minutes);
                sums.HeatPump[i] += KilowattHours(b.HeatPump[i], minutes);
                load += loadKwh;
                pv += pvKwh;
                import += reading.Import / 1e6;
                export += exportKwh;
            }

            return new PlayerTotals(load, pv, import, export);
        }

        private static void Fill(bool absent, double[] buffer, Action<Span<double>> generate)
        {
            if (absent)
            {
                Array.Clear(buffer);
            }
            else
            {
                generate(buffer);
            }
        }
    }

    private sealed class Business(BusinessSpec spec, bool[] events, ulong seed)
    {
        private readonly HouseholdLoad _load = new(spec.Profile, spec.AnnualKwh, spec.Noise, seed);

        public PlayerTotals Step(DateOnly date, int minutes, double[] buffer, MeterReadingValue[] readings, double[] districtLoad)
        {
            _load.Generate(date, minutes, buffer);
            double load = 0, import = 0;
            for (var i = 0; i < readings.Length; i++)
            {
                var watts = events[i] ? buffer[i] * (1 - spec.Flexibility) : buffer[i];
                readings[i] = new MeterReadingValue(MilliWattHours(watts, minutes), 0);
                var kwh = KilowattHours(watts, minutes);
                districtLoad[i] += kwh;
                load += kwh;
                import += readings[i].Import / 1e6;
            }

            return new PlayerTotals(load, 0, import, 0);
        }
    }

    private sealed class Generator(GeneratorOptions options, Location location, ulong seed)
    {
        private readonly PvSystem? _solar = string.Equals(options.Technology, "solar", StringComparison.Ordinal) ? new PvSystem(new PvOptions { Kwp = options.CapacityMw * 1_000, Tilt = 25, Azimuth = 180 }, location) : null;
        private readonly bool _wind = string.Equals(options.Technology, "wind", StringComparison.Ordinal);

        public bool IsMetered => DistrictPlan.MeteredTechnologies.Contains(options.Technology, StringComparer.Ordinal);

        /// <summary>Fills the meter's readings (metered technologies) and returns the hourly available power, MW.</summary>
        public double[] Step(DateOnly date, WeatherDay weather, WindOptions wind, int minutes, double[] buffer, MeterReadingValue[]? readings, double[] generation)
        {
            var perHour = 60 / minutes;
            var hourly = new double[24];
            if (!IsMetered)
            {
                Array.Fill(hourly, options.CapacityMw * options.Availability);
                return hourly;
            }

            if (_solar is not null)
            {
                _solar.Generate(weather, buffer);
            }
            else if (_wind)
            {
                WindPower.CapacityFactors(wind, seed, date, minutes, buffer);
                for (var i = 0; i < buffer.Length; i++)
                {
                    buffer[i] *= options.CapacityMw * 1e6 * options.Availability;
                }
            }
            else
            {
                // Run-of-river hydro: steady, with a slow daily variation of the river flow.
                var random = DayRandom.For(seed, SimulationStreams.Hydro, date.DayNumber);
                Array.Fill(buffer, options.CapacityMw * 1e6 * options.Availability * (0.9 + (0.1 * random.NextDouble())));
            }

            for (var i = 0; i < buffer.Length; i++)
            {
                readings![i] = new MeterReadingValue(0, MilliWattHours(buffer[i], minutes));
                generation[i] += readings[i].Export / 1e6;
                hourly[i / perHour] += buffer[i] / 1e6 / perHour;
            }

            return hourly;
        }
    }

    private sealed class Buffers(int count)
    {
        public double[] Load { get; } = new double[count];

        public double[] Ev { get; } = new double[count];

        public double[] HeatPump { get; } = new double[count];

        public double[] Pv { get; } = new double[count];
    }

    private sealed class Sums(int count)
    {
        public double[] Load { get; } = new double[count];

        public double[] Pv { get; } = new double[count];

        public double[] SelfConsumption { get; } = new double[count];

        public double[] BatteryCharge { get; } = new double[count];

        public double[] BatteryDischarge { get; } = new double[count];

        public double[] Ev { get; } = new double[count];

        public double[] HeatPump { get; } = new double[count];

        public void AddTo(DayData day)
        {
            for (var i = 0; i < day.Count; i++)
            {
                day.Load[i] += Load[i];
                day.Pv[i] += Pv[i];
                day.SelfConsumption[i] += SelfConsumption[i];
                day.BatteryCharge[i] += BatteryCharge[i];
                day.BatteryDischarge[i] += BatteryDischarge[i];
                day.Ev[i] += Ev[i];
                day.HeatPump[i] += HeatPump[i];
            }
        }
    }
}
