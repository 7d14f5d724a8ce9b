using Flecs.Settlement.Close;
using Flecs.Settlement.Meters;

namespace Flecs.Settlement.Tests;

/// <summary>
/// The community's readings and an independent computation of what its settlement must be: written from the rules
/// in docs/settlement.md and docs/market-rules.md with plain arithmetic (decimal half-to-even rounding), sharing no
/// code with the engine beyond the names of line kinds.
/// </summary>
internal static class Model
{
    public const long RetailSpread = 50_000, FeedInSpread = 10_000;

    /// <summary>The System Operator's inelastic MPM demand in hour <paramref name="hour"/>: 2–8 kWh per interval.</summary>
    public static long Demand(int hour) => (2 + (hour * 5 % 7)) * 1_000_000L;

    public static MeterReadingValue Reading(string meter, long t)
    {
        var minute = t % 1_440;
        var sun = Math.Max(0, 300 - Math.Abs(minute - 720));
        switch (meter)
        {
            case "m-wind":
                return new(0, 2_500_000 + (t % 60 * 10_000));
            case "m-solar":
                return new(0, sun * 10_000);
            case "m-h1" or "m-h2" or "m-h3":
                return new(4_000 + (((t * 6_007) + meter[^1]) % 5_000), 0);
            default:
                var i = meter[^1] - '0';
                var load = 3_000 + (((t * 7_919) + (i * 104_729)) % 9_000);
                var pv = i % 2 == 1 ? sun * 100 : 0;
                var net = load - pv;
                return new(Math.Max(net, 0), Math.Max(-net, 0));
        }
    }

    /// <summary>The merit-order price: wind 3 kWh at 0, solar 2 kWh at 0.02, gas at 0.09, against the hour's demand.</summary>
    public static long MpmPrice(long t)
    {
        var demand = Demand((int)((t - Community.Start) / 60));
        return demand <= 3_000_000 ? 0 : demand <= 5_000_000 ? 20_000 : 90_000;
    }

    public static long Value(long energy, long price) => (long)Math.Round(energy * (decimal)price / 1_000_000m, MidpointRounding.ToEven);

    /// <summary>Expected journal lines per account and billing day.</summary>
    public sealed class Ledger
    {
        public SortedDictionary<(string Account, long Day), SortedDictionary<(int Kind, string Reference), long[]>> Lines { get; } = [];

        public void Add(string account, long t, LineKind kind, string reference, long energy, long money, long certificates = 0)
        {
            var key = (account, t * 60 / 86_400);
            if (!Lines.TryGetValue(key, out var lines))
            {
                lines = [];
                Lines[key] = lines;
            }

            if (!lines.TryGetValue(((int)kind, reference), out var sums))
            {
                sums = new long[3];
                lines[((int)kind, reference)] = sums;
            }

            sums[0] += energy;
            sums[1] += money;
            sums[2] += certificates;
        }
    }

    /// <summary>
    /// Settles interval <paramref name="t"/> into <paramref name="ledger"/>; the <paramref name="estimatedMeter"/> uses
    /// <paramref name="estimate"/> instead of their reading. Returns the P2G residual of every player.
    /// </summary>
    public static Dictionary<string, long> Settle(Ledger ledger, long t, IReadOnlyDictionary<string, (string Owner, string Level)> meters, string? estimatedMeter, MeterReadingValue estimate, IReadOnlyDictionary<string, string> contracts)
    {
        var price = MpmPrice(t);
        var metered = new SortedDictionary<string, (long Net, bool Estimated)>(StringComparer.Ordinal);
        var reading = new Dictionary<string, MeterReadingValue>(StringComparer.Ordinal);
        foreach (var (meter, (owner, _)) in meters)
        {
            var isEstimate = meter == estimatedMeter;
            var r = isEstimate ? estimate : Reading(meter, t);
            reading[owner] = r;
            var current = metered.GetValueOrDefault(owner);
            metered[owner] = (current.Net + r.Import - r.Export, current.Estimated || isEstimate);
        }

        var energy = new Dictionary<string, long>(StringComparer.Ordinal);
        void Contract(string id, string from, string to, long e, long pricePerKwh)
        {
            if (e <= 0)
            {
                return;
            }

            var v = Value(e, pricePerKwh);
            ledger.Add(from, t, LineKind.Contract, id, -e, v);
            ledger.Add(to, t, LineKind.Contract, id, e, -v);
            energy[from] = energy.GetValueOrDefault(from) - e;
            energy[to] = energy.GetValueOrDefault(to) + e;
        }

        Contract(contracts["p2p"], "p1", "p2", Math.Min(reading["p1"].Export, reading["p2"].Import), 120_000);
        Contract(contracts["ppa"], "wind", "tradco", Math.Min(reading["wind"].Export, 2_000_000), 50_000);
        Contract(contracts["household"], "p3", "h1", Math.Min(reading["p3"].Export, reading["h1"].Import), 100_000);

        // SPM: p4 bids 0.5 kWh at 0.15, p3 offers 0.3 kWh at 0.08: 0.3 kWh trades at the midpoint of [0.15, 0.15].
        var spmValue = Value(300_000, 150_000);
        ledger.Add("p4", t, LineKind.Spm, string.Empty, 300_000, -spmValue);
        ledger.Add("p3", t, LineKind.Spm, string.Empty, -300_000, spmValue);
        energy["p4"] = energy.GetValueOrDefault("p4") + 300_000;
        energy["p3"] = energy.GetValueOrDefault("p3") - 300_000;

        var residuals = new Dictionary<string, long>(StringComparer.Ordinal);
        var players = new SortedSet<string>(metered.Keys, StringComparer.Ordinal);
        players.UnionWith(energy.Keys);
        foreach (var player in players)
        {
            if (metered.TryGetValue(player, out var m))
            {
                ledger.Add(player, t, LineKind.Metered, m.Estimated ? "estimated" : string.Empty, m.Net, 0);
            }

            var residual = metered.GetValueOrDefault(player).Net - energy.GetValueOrDefault(player);
            residuals[player] = residual;
            if (residual != 0)
            {
                var level = meters.Values.FirstOrDefault(x => x.Owner == player).Level ?? "transmission";
                foreach (var (account, kind, reference, e, money) in P2g(player, level, residual, price))
                {
                    ledger.Add(account, t, kind, reference, e, money);
                }
            }
        }

        return residuals;
    }

    /// <summary>The P2G lines of one residual (docs/market-rules.md §6): each component valued on its own, half to even.</summary>
    public static IEnumerable<(string Account, LineKind Kind, string Reference, long Energy, long Money)> P2g(string player, string level, long residual, long price)
    {
        var importing = residual > 0;
        var q = Math.Abs(residual);
        var energy = Value(q, price);
        var spread = Value(q, importing ? RetailSpread : FeedInSpread);
        var (withdrawal, injection, operatorId) = level == "low-voltage" ? (80_000L, 0L, "distco") : (10_000L, 2_000L, "transco");
        var fee = Value(q, importing ? withdrawal : injection);
        yield return (player, LineKind.P2gEnergy, string.Empty, residual, importing ? -energy : energy);
        yield return (player, LineKind.RetailSpread, string.Empty, 0, -spread);
        yield return (player, LineKind.GridFee, level, 0, -fee);
        yield return ("@mpm", LineKind.P2gEnergy, string.Empty, -residual, importing ? energy : -energy);
        yield return ("tradco", LineKind.RetailSpread, string.Empty, 0, spread);
        yield return (operatorId, LineKind.GridFee, level, 0, fee);
    }
}
