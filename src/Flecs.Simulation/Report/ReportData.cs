using Flecs.Simulation.Results;

namespace Flecs.Simulation.Report;

/// <summary>The figures the report shows, computed once from a <see cref="SimulationResult"/>.</summary>
internal sealed class ReportData
{
    private ReportData(SimulationResult result)
    {
        Result = result;
        var intervals = result.Intervals;
        foreach (var i in intervals)
        {
            Load += i.Load;
            Pv += i.Pv;
            SelfConsumption += i.SelfConsumption;
            P2p += i.P2p;
            GridImport += i.GridImport;
            GridExport += i.GridExport;
            BatteryCharge += i.BatteryCharge;
            BatteryDischarge += i.BatteryDischarge;
            EvCharging += i.EvCharging;
            HeatPump += i.HeatPump;
            Generation += i.Generation;
            SpmVolume += i.SpmVolume;
            MeanMpm += i.MpmPrice;
            if (i.MpmCleared)
            {
                MpmClearedCount++;
            }

            if (i.SpmPrice is { } spm)
            {
                SpmClearedCount++;
                MeanSpm += spm;
            }
        }

        MeanMpm = intervals.Count > 0 ? MeanMpm / intervals.Count : double.NaN;
        MeanSpm = SpmClearedCount > 0 ? MeanSpm / SpmClearedCount : double.NaN;
        Start = intervals.Count > 0 ? intervals[0].Start : result.Scenario.Start;
        End = intervals.Count > 0
            ? intervals[^1].Start.AddMinutes(result.Scenario.IntervalMinutes)
            : result.Scenario.Start.AddDays(result.Scenario.Days);

        // Households are the prosumers of the scenario's household groups; businesses (prosumers without a group) are not.
        var households = result.Players.Where(p => string.Equals(p.Role, "prosumer", StringComparison.OrdinalIgnoreCase) && p.Group.Length > 0).ToList();
        if (households.Count == 0)
        {
            households = [.. result.Players.Where(p => p.Load > 0 || p.Baseline < 0)];
        }

        Households = households;
        foreach (var h in households)
        {
            HouseholdBill += h.Bill;
            HouseholdBaseline += h.Baseline;
        }

        Groups = [.. households
            .GroupBy(h => h.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupFigures(g.Key.Length == 0 ? "(named)" : g.Key, [.. g]))];
    }

    /// <summary>The result the figures come from.</summary>
    public SimulationResult Result { get; }

    /// <summary>The first interval's start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The last interval's end.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Total household load (kWh).</summary>
    public double Load { get; }

    /// <summary>Total PV generation (kWh).</summary>
    public double Pv { get; }

    /// <summary>Total self-consumption (kWh).</summary>
    public double SelfConsumption { get; }

    /// <summary>Total energy delivered under contracts (kWh).</summary>
    public double P2p { get; }

    /// <summary>Total grid import (kWh).</summary>
    public double GridImport { get; }

    /// <summary>Total grid export (kWh).</summary>
    public double GridExport { get; }

    /// <summary>Total battery charge (kWh).</summary>
    public double BatteryCharge { get; }

    /// <summary>Total battery discharge (kWh).</summary>
    public double BatteryDischarge { get; }

    /// <summary>Total EV charging (kWh).</summary>
    public double EvCharging { get; }

    /// <summary>Total heat-pump electricity (kWh).</summary>
    public double HeatPump { get; }

    /// <summary>Total GenCo generation (kWh).</summary>
    public double Generation { get; }

    /// <summary>Total SPM volume (kWh).</summary>
    public double SpmVolume { get; }

    /// <summary>Mean MPM price over all intervals (€/MWh), NaN without intervals.</summary>
    public double MeanMpm { get; }

    /// <summary>Mean SPM price over the intervals that cleared (€/MWh), NaN when none did.</summary>
    public double MeanSpm { get; }

    /// <summary>Intervals whose MPM price the merit order set.</summary>
    public int MpmClearedCount { get; }

    /// <summary>Intervals with an SPM clearing price.</summary>
    public int SpmClearedCount { get; }

    /// <summary>The households (prosumers in a household group), or every player with a load when there are none.</summary>
    public IReadOnlyList<PlayerFigures> Households { get; }

    /// <summary>The households by scenario group, ordered by group name.</summary>
    public IReadOnlyList<GroupFigures> Groups { get; }

    /// <summary>What the households paid in total (€, negative when paid).</summary>
    public double HouseholdBill { get; }

    /// <summary>What the households would have paid at the retail tariff (€, negative).</summary>
    public double HouseholdBaseline { get; }

    /// <summary>What the households saved against the baseline (€, positive when saved).</summary>
    public double HouseholdSavings => HouseholdBill - HouseholdBaseline;

    /// <summary>Share of the district's load met by its own PV (0–1).</summary>
    public double SelfSufficiency => Load > 0 ? SelfConsumption / Load : 0;

    /// <summary>Share of the district's load delivered under contracts (0–1).</summary>
    public double P2pShare => Load > 0 ? P2p / Load : 0;

    /// <summary>Computes the figures.</summary>
    public static ReportData From(SimulationResult result) => new(result);

    /// <summary>A player's savings against its baseline (€, positive when it paid less).</summary>
    public static double Savings(PlayerFigures player) => player.Bill - player.Baseline;

    /// <summary>The bin width that keeps a time chart readable: hours up to <paramref name="maxHourBins"/> hours, days beyond; never shorter than an interval.</summary>
    public TimeSpan BinWidth(int maxHourBins)
    {
        var span = End - Start;
        var width = span.TotalHours <= maxHourBins ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var interval = TimeSpan.FromMinutes(Math.Max(1, Result.Scenario.IntervalMinutes));
        return interval > width ? interval : width;
    }

    /// <summary>Aggregates the intervals into bins of <paramref name="width"/> aligned on <see cref="Start"/>.</summary>
    public IReadOnlyList<TimeBin> Bins(TimeSpan width)
    {
        var bins = new List<TimeBin>();
        var intervals = Result.Intervals;
        var origin = Start.UtcDateTime;
        var index = 0;
        while (index < intervals.Count)
        {
            var slot = (long)Math.Floor((intervals[index].Start.UtcDateTime - origin) / width);
            var binStart = origin + (width * slot);
            var binEnd = binStart + width;
            double mpm = 0, spm = 0, load = 0, pv = 0, self = 0, p2p = 0, import = 0, export = 0;
            int count = 0, spmCount = 0;
            while (index < intervals.Count && intervals[index].Start.UtcDateTime < binEnd)
            {
                var i = intervals[index];
                mpm += i.MpmPrice;
                if (i.SpmPrice is { } price)
                {
                    spm += price;
                    spmCount++;
                }

                load += i.Load;
                pv += i.Pv;
                self += i.SelfConsumption;
                p2p += i.P2p;
                import += i.GridImport;
                export += i.GridExport;
                count++;
                index++;
            }

            bins.Add(new TimeBin(binStart, mpm / count, spmCount > 0 ? spm / spmCount : double.NaN, load, pv, self, p2p, import, export));
        }

        return bins;
    }
}
