using Flecs.Core.Identity;
using Flecs.Ledger.Players;
using Flecs.Settlement.Close;
using Flecs.Simulation.Results;
using Flecs.Simulation.Scenarios;

namespace Flecs.Simulation.Running;

/// <summary>
/// Gathers the run's results: prices, P2P and P2G energy, money and certificates from the close receipts (what the
/// ledger recorded), gross load, PV, batteries, EVs and heat pumps from the district model (what no meter sees).
/// </summary>
internal sealed class ResultCollector
{
    private const double MicroPerEuro = 1e6;
    private const double MilliWattHoursPerKwh = 1e6;
    private readonly DistrictPlan _plan;
    private readonly DateTimeOffset _start;
    private readonly List<IntervalFigures> _intervals = [];
    private readonly Dictionary<string, long> _money = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _certificates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContractTotals> _contracts = new(StringComparer.Ordinal);
    private readonly PlayerTotals[] _households;
    private readonly PlayerTotals[] _businesses;
    private readonly HashSet<string> _consumers;

    public ResultCollector(DistrictPlan plan, DateTimeOffset start)
    {
        _plan = plan;
        _start = start;
        _households = new PlayerTotals[plan.Households.Count];
        _businesses = new PlayerTotals[plan.Scenario.Businesses.Count];
        _consumers = [.. plan.Households.Select(h => h.Id).Concat(plan.Scenario.Businesses.Select(b => b.Id))];
    }

    public int Invoices { get; private set; }

    public void AddContract(Hash256 id, ContractPlan plan) => _contracts.Add(id.ToString(), new ContractTotals(plan));

    /// <summary>Adds the interval records of one close.</summary>
    public void AddClose(CloseOutput output, DayData day, long dayStart)
    {
        var minutes = _plan.Scenario.IntervalMinutes;
        foreach (var record in output.Records)
        {
            var i = (int)(record.Interval - dayStart);
            double p2p = 0, import = 0, export = 0;
            foreach (var entry in record.Entries)
            {
                var isMarket = entry.Account.StartsWith('@');
                var isConsumer = _consumers.Contains(entry.Account);
                foreach (var line in entry.Lines)
                {
                    if (!isMarket)
                    {
                        _money[entry.Account] = _money.GetValueOrDefault(entry.Account) + line.Money;
                        if (line.Certificates != 0)
                        {
                            _certificates[entry.Account] = _certificates.GetValueOrDefault(entry.Account) + line.Certificates;
                        }
                    }

                    switch (line.Kind)
                    {
                        case LineKind.Contract:
                            if (line.Energy > 0 && isConsumer)
                            {
                                p2p += line.Energy;
                            }

                            if (_contracts.TryGetValue(line.Reference, out var totals))
                            {
                                totals.Add(line.Energy, line.Money, line.Certificates);
                            }

                            break;
                        case LineKind.P2gEnergy or LineKind.Correction when isConsumer:
                            if (line.Energy > 0)
                            {
                                import += line.Energy;
                            }
                            else
                            {
                                export -= line.Energy;
                            }

                            break;
                    }
                }
            }

            foreach (var (contract, _) in record.Failures)
            {
                if (_contracts.TryGetValue(contract.ToString(), out var failed))
                {
                    failed.Failures++;
                }
            }

            _intervals.Add(new IntervalFigures(
                _start.AddMinutes(_intervals.Count * (double)minutes),
                record.MpmPrice / 1_000.0,
                record.MpmCleared,
                record.SpmPrice is { } spm ? spm / 1_000.0 : null,
                record.SpmVolume / MilliWattHoursPerKwh,
                day.Load[i],
                day.Pv[i],
                day.SelfConsumption[i],
                p2p / MilliWattHoursPerKwh,
                import / MilliWattHoursPerKwh,
                export / MilliWattHoursPerKwh,
                day.BatteryCharge[i],
                day.BatteryDischarge[i],
                day.Ev[i],
                day.HeatPump[i],
                day.Generation[i]));
        }

        Invoices += output.Invoices.Length;
    }

    /// <summary>Adds a finished day's physical totals.</summary>
    public void AddDay(DayData day)
    {
        for (var i = 0; i < _households.Length; i++)
        {
            _households[i] += day.HouseholdTotals[i];
        }

        for (var i = 0; i < _businesses.Length; i++)
        {
            _businesses[i] += day.BusinessTotals[i];
        }
    }

    public SimulationResult Build(LedgerFigures ledger, double wallSeconds)
    {
        var scenario = _plan.Scenario;
        var tariff = scenario.Market.RetailTariff;
        var physical = new Dictionary<string, PlayerTotals>(StringComparer.Ordinal);
        foreach (var h in _plan.Households)
        {
            physical[h.Id] = _households[h.Index];
        }

        for (var i = 0; i < _businesses.Length; i++)
        {
            physical[scenario.Businesses[i].Id] = _businesses[i];
        }

        var players = new List<PlayerFigures>();
        foreach (var p in _plan.Players)
        {
            var totals = physical.GetValueOrDefault(p.Id);
            var selfConsumption = Math.Max(0, totals.Pv - totals.Export);
            players.Add(new PlayerFigures(
                p.Id,
                RoleName(p.Role),
                p.Group,
                p.Representative is null ? "active" : "passive",
                totals.Load,
                totals.Pv,
                totals.Import,
                totals.Export,
                selfConsumption,
                totals.Load > 0 ? Math.Clamp((totals.Load - totals.Import) / totals.Load, 0, 1) : 0,
                _money.GetValueOrDefault(p.Id) / MicroPerEuro,
                -totals.Load * tariff,
                _certificates.GetValueOrDefault(p.Id)));
        }

        var contracts = _contracts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ContractFigures(
            c.Key,
            c.Value.Plan.Template,
            string.Join(", ", c.Value.Plan.Parties.Select(p => p.Key + "=" + p.Value)),
            c.Value.Energy / MilliWattHoursPerKwh,
            c.Value.Paid / MicroPerEuro,
            c.Value.Certificates,
            c.Value.Failures,
            "expired")).ToList();

        var summary = new ScenarioSummary(
            scenario.Name,
            scenario.Seed,
            _start,
            scenario.Days,
            scenario.IntervalMinutes,
            _plan.Households.Count,
            _plan.Players.Count + 1,
            scenario.Market.Mechanism,
            tariff,
            Math.Round(wallSeconds, 1));
        return new SimulationResult(summary, _intervals, players, contracts, ledger);
    }

    private static string RoleName(PlayerRole role) => role switch
    {
        PlayerRole.GenerationCompany => "genco",
        PlayerRole.TransmissionCompany => "transco",
        PlayerRole.DistributionCompany => "distco",
        PlayerRole.TradingCompany => "tradco",
        PlayerRole.SystemOperator => "system-operator",
        PlayerRole.MarketOperator => "market-operator",
        PlayerRole.Regulator => "regulator",
        PlayerRole.Prosumer => "prosumer",
        PlayerRole.Aggregator => "aggco",
        PlayerRole.DemandResponseProvider => "demand-response-provider",
        _ => role.ToString().ToLowerInvariant(),
    };

    private sealed class ContractTotals(ContractPlan plan)
    {
        public ContractPlan Plan { get; } = plan;

        public long Energy { get; private set; }

        public long Paid { get; private set; }

        public long Certificates { get; private set; }

        public int Failures { get; set; }

        public void Add(long energy, long money, long certificates)
        {
            if (energy > 0)
            {
                Energy += energy;
            }

            if (money < 0)
            {
                Paid -= money;
            }

            if (certificates > 0)
            {
                Certificates += certificates;
            }
        }
    }
}
