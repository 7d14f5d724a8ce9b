using System.Globalization;
using Flecs.Simulation.Results;

namespace Flecs.Simulation.Tests.Report;

/// <summary>Builds a plausible <see cref="SimulationResult"/> in code: a sunny district with a daily load curve, three groups of households, a few named players and contracts of several templates.</summary>
internal static class SyntheticResult
{
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Groups = ["suburb-pv", "flats", "farms"];

    public static readonly string[] Templates = ["p2p-fixed", "virtual-ppa", "community-share", "p2p-indexed"];

    /// <summary>A result of <paramref name="days"/> days at <paramref name="intervalMinutes"/>-minute intervals with <paramref name="prosumers"/> households and <paramref name="contracts"/> contracts; deterministic.</summary>
    public static SimulationResult Create(int days = 3, int intervalMinutes = 1, int prosumers = 30, int contracts = 12, string mechanism = "uniform-price")
    {
        var random = new Random(42);
        var perDay = 24 * 60 / intervalMinutes;
        var count = days * perDay;
        var scale = prosumers / 30.0;
        var intervals = new List<IntervalFigures>(count);
        for (var n = 0; n < count; n++)
        {
            var start = Start.AddMinutes((double)n * intervalMinutes);
            var hour = start.Hour + (start.Minute / 60.0);
            var minutes = intervalMinutes / 60.0;
            var day = n / perDay;
            var cloud = 0.65 + (0.35 * Math.Sin(day * 1.7)) - (0.1 * random.NextDouble());
            var sun = Math.Max(0, Math.Sin(Math.PI * (hour - 6) / 14));
            var pv = 120 * scale * sun * cloud * minutes;
            var demand = 18 + (14 * Gauss(hour, 7.5, 1.2)) + (26 * Gauss(hour, 19, 1.8)) + (4 * random.NextDouble());
            var load = demand * scale * minutes;
            var self = Math.Min(pv, load) * 0.82;
            var surplus = pv - self;
            var p2p = Math.Min(surplus * 0.55, (load - self) * 0.6);
            var import = Math.Max(0, load - self - p2p);
            var export = Math.Max(0, surplus - p2p);
            var mpm = 70 + (35 * Gauss(hour, 19, 2)) - (30 * sun) + (8 * random.NextDouble());
            double? spm = mechanism == "pay-as-bid" || sun < 0.15 ? null : Math.Round(mpm * (0.75 + (0.1 * random.NextDouble())), 2);
            intervals.Add(new IntervalFigures(
                start,
                Math.Round(mpm, 2),
                MpmCleared: n % 97 != 0,
                spm,
                SpmVolume: spm is null ? 0 : p2p * 0.4,
                load,
                pv,
                self,
                p2p,
                import,
                export,
                BatteryCharge: surplus * 0.1,
                BatteryDischarge: sun < 0.05 ? load * 0.05 : 0,
                EvCharging: load * 0.12,
                HeatPump: load * 0.08,
                Generation: import * 1.02));
        }

        var players = new List<PlayerFigures>();
        var tariff = 0.32;
        for (var i = 0; i < prosumers; i++)
        {
            var group = Groups[i % Groups.Length];
            var load = days * (8 + (6 * random.NextDouble()) + (group == "farms" ? 12 : 0));
            var pv = group == "flats" ? days * 2 * random.NextDouble() : days * (10 + (10 * random.NextDouble()));
            var self = Math.Min(load, pv) * (0.55 + (0.3 * random.NextDouble()));
            var baseline = -load * tariff;
            var bill = baseline + (self * tariff) + ((pv - self) * 0.08) - (days * 0.3);
            players.Add(new PlayerFigures(
                "h" + i.ToString("D4", CultureInfo.InvariantCulture),
                "prosumer",
                group,
                i % 4 == 0 ? "passive" : "active",
                load,
                pv,
                Import: load - self,
                Export: pv - self,
                self,
                SelfSufficiency: load > 0 ? self / load : 0,
                Math.Round(bill, 2),
                Math.Round(baseline, 2),
                Certificates: group == "flats" ? (long)Math.Round(load - self) : -(long)Math.Round((pv - self) * 0.5)));
        }

        players.Add(new PlayerFigures("aggco-1", "aggco", string.Empty, "active", 0, 0, 0, 0, 0, 0, 1_250.5, 0, 40));
        players.Add(new PlayerFigures("genco-1", "genco", string.Empty, "active", 0, 0, 0, 12_000, 0, 0, 3_400, 0, -200));
        players.Add(new PlayerFigures("tradco-1", "tradco", string.Empty, "active", 0, 0, 0, 0, 0, 0, -120, 0, 160));
        players.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));

        var contractList = new List<ContractFigures>();
        for (var c = 0; c < contracts; c++)
        {
            var template = Templates[c % Templates.Length];
            var energy = days * (5 + (40 * random.NextDouble()));
            var seller = players[random.Next(prosumers)].Id;
            var buyer = players[random.Next(prosumers)].Id;
            contractList.Add(new ContractFigures(
                Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes((long)c)),
                template,
                "buyer=" + buyer + ",seller=" + seller,
                energy,
                Math.Round(energy * 0.21, 2),
                template == "virtual-ppa" ? (long)energy : 0,
                c % 5 == 0 ? 3 : 0,
                c % 7 == 3 ? "terminated" : c % 3 == 0 ? "expired" : "live"));
        }

        contractList.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var scenario = new ScenarioSummary("Sunny district, June", 20250602, Start, days, intervalMinutes, prosumers, players.Count, mechanism, tariff, 754.3);
        var ledger = new LedgerFigures(days * 1_440, days * 52_000, 12, "9f2c4e1d7a6b5c3e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6", true, "replayed 4,320 blocks: head matches", 48_234_496, prosumers * 2);
        return new SimulationResult(scenario, intervals, players, contractList, ledger);
    }

    private static double Gauss(double x, double mean, double width) => Math.Exp(-((x - mean) * (x - mean)) / (2 * width * width));
}
