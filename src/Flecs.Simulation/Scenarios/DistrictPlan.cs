using System.Globalization;
using System.Text.Json;
using Flecs.Contracts.Library;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ledger.Players;
using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Scenarios;

/// <summary>
/// A scenario resolved into players, households with their drawn asset sizes, businesses, generators and contracts
/// (docs/scenarios.md). Checking a scenario is building its plan: every rule that a file can break is found here,
/// before a ledger exists.
/// </summary>
public sealed class DistrictPlan
{
    /// <summary>The infrastructure players every district has, with their roles.</summary>
    public static IReadOnlyList<(string Id, PlayerRole Role)> Operators { get; } =
    [
        ("aggco", PlayerRole.Aggregator),
        ("distco", PlayerRole.DistributionCompany),
        ("market-operator", PlayerRole.MarketOperator),
        ("regulator", PlayerRole.Regulator),
        ("system-operator", PlayerRole.SystemOperator),
        ("tradco", PlayerRole.TradingCompany),
        ("transco", PlayerRole.TransmissionCompany),
    ];

    /// <summary>The technologies whose output is metered (they feed the district's grid as well as offering in the MPM).</summary>
    public static IReadOnlyList<string> MeteredTechnologies { get; } = ["hydro", "solar", "wind"];

    private static readonly string[] Technologies = ["biomass", "coal", "gas-ccgt", "gas-ocgt", "hydro", "lignite", "nuclear", "oil", "solar", "wind"];
    private static readonly string[] Modes = ["active", "passive"];
    private static readonly string[] Mechanisms = ["pay-as-bid", "pay-as-clear"];
    private static readonly string[] Levels = ["low-voltage", "medium-voltage"];

    private DistrictPlan(Scenario scenario, List<PlayerPlan> players, List<HouseholdPlan> households, List<ContractPlan> contracts)
    {
        Scenario = scenario;
        Players = players;
        Households = households;
        Contracts = contracts;
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>Every player except the SA, ordered by id.</summary>
    public IReadOnlyList<PlayerPlan> Players { get; }

    /// <summary>The households, in group order.</summary>
    public IReadOnlyList<HouseholdPlan> Households { get; }

    /// <summary>The contracts, in file order.</summary>
    public IReadOnlyList<ContractPlan> Contracts { get; }

    /// <summary>Intervals per day.</summary>
    public int IntervalsPerDay => 1_440 / Scenario.IntervalMinutes;

    /// <summary>Resolves and checks a scenario.</summary>
    public static Result<DistrictPlan> Build(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var players = new Dictionary<string, PlayerPlan>(StringComparer.Ordinal);
        var check = CheckBasics(scenario);
        if (!check.IsSuccess)
        {
            return check.Error;
        }

        foreach (var (id, role) in Operators)
        {
            players.Add(id, new PlayerPlan(id, role, null, string.Empty));
        }

        foreach (var g in scenario.Generators)
        {
            if (!PlayerId.TryParse(g.Id, out _) || players.ContainsKey(g.Id))
            {
                return Invalid($"generators: '{g.Id}' is not a new player id (a–z, 0–9, '-', '.', '_').");
            }

            if (!Technologies.Contains(g.Technology, StringComparer.Ordinal))
            {
                return Invalid($"generators.{g.Id}.technology: '{g.Technology}' is not one of {string.Join(", ", Technologies)}.");
            }

            if (g.CapacityMw is <= 0 or > 1_000)
            {
                return Invalid($"generators.{g.Id}.capacityMw: {Num(g.CapacityMw)} is outside (0, 1000] MW.");
            }

            players.Add(g.Id, new PlayerPlan(g.Id, PlayerRole.GenerationCompany, null, string.Empty));
        }

        foreach (var b in scenario.Businesses)
        {
            if (!PlayerId.TryParse(b.Id, out _) || players.ContainsKey(b.Id))
            {
                return Invalid($"businesses: '{b.Id}' is not a new player id.");
            }

            var role = b.Role switch
            {
                "prosumer" => PlayerRole.Prosumer,
                "demand-response-provider" => PlayerRole.DemandResponseProvider,
                _ => (PlayerRole?)null,
            };
            if (role is null)
            {
                return Invalid($"businesses.{b.Id}.role: '{b.Role}' is not prosumer or demand-response-provider.");
            }

            if (!LoadProfile.Ids.Contains(b.Profile, StringComparer.Ordinal) || b.AnnualKwh is <= 0 or > 100_000_000 || !Levels.Contains(b.Level, StringComparer.Ordinal) || b.Flexibility is < 0 or > 1 || b.Noise is < 0 or > 2)
            {
                return Invalid($"businesses.{b.Id}: profile one of {string.Join(", ", LoadProfile.Ids)}, annualKwh in (0, 10^8], level low-voltage or medium-voltage, flexibility in [0, 1], noise in [0, 2].");
            }

            players.Add(b.Id, new PlayerPlan(b.Id, role.Value, null, string.Empty));
        }

        var households = new List<HouseholdPlan>();
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var g in scenario.Households)
        {
            var groupCheck = CheckGroup(g, players);
            if (!groupCheck.IsSuccess)
            {
                return groupCheck.Error;
            }

            var members = new List<string>(g.Count);
            groups.Add(g.Group, members);
            var digits = Math.Max(3, g.Count.ToString(CultureInfo.InvariantCulture).Length);
            for (var i = 0; i < g.Count; i++)
            {
                var id = g.Group + "-" + (i + 1).ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (players.ContainsKey(id))
                {
                    return Invalid($"households.{g.Group}: the household id '{id}' is taken.");
                }

                var passive = string.Equals(g.Mode, "passive", StringComparison.Ordinal);
                players.Add(id, new PlayerPlan(id, PlayerRole.Prosumer, passive ? g.Representative : null, g.Group));
                members.Add(id);
                households.Add(Draw(scenario, g, id, households.Count, passive));
            }
        }

        var contracts = new List<ContractPlan>();
        foreach (var (spec, n) in scenario.Contracts.Select((c, n) => (c, n)))
        {
            var resolved = ResolveContracts(spec, n, players, groups, contracts);
            if (!resolved.IsSuccess)
            {
                return resolved.Error;
            }
        }

        // A household with an energy contract does not also trade its position in the SPM.
        var contracted = contracts.Where(c => AllocatesEnergy(c.Template)).SelectMany(c => c.Parties.Select(p => p.Value)).ToHashSet(StringComparer.Ordinal);
        households = [.. households.Select(h => contracted.Contains(h.Id) ? h with { Spm = null } : h)];
        return new DistrictPlan(scenario, [.. players.Values.OrderBy(p => p.Id, StringComparer.Ordinal)], households, contracts);
    }

    /// <summary>Whether a template's contracts move energy (allocations); the others only move money or certificates.</summary>
    public static bool AllocatesEnergy(string template) => template is not ("virtual-ppa" or "green-certificates" or "demand-response" or "reserve");

    private static Result CheckBasics(Scenario s)
    {
        if (string.IsNullOrWhiteSpace(s.Name) || s.Name.Length > 40)
        {
            return Invalid("name: 1–40 characters.");
        }

        if (s.IntervalMinutes is not (1 or 5 or 15 or 60))
        {
            return Invalid($"intervalMinutes: {s.IntervalMinutes} is not 1, 5, 15 or 60.");
        }

        if (s.Days is < 1 or > 366)
        {
            return Invalid($"days: {s.Days} is outside 1–366.");
        }

        if (s.Start.Year is < 2000 or > 2100)
        {
            return Invalid($"start: {s.Start:yyyy-MM-dd} is outside 2000–2100.");
        }

        if (s.Location.Latitude is < -66 or > 66 || s.Location.Longitude is < -180 or > 180)
        {
            return Invalid("location: latitude within ±66°, longitude within ±180°.");
        }

        var m = s.Market;
        if (!Mechanisms.Contains(m.Mechanism, StringComparer.Ordinal))
        {
            return Invalid($"market.mechanism: '{m.Mechanism}' is not pay-as-clear or pay-as-bid.");
        }

        if (m.PriceCap is <= 0 or > 1_000_000 || m.FallbackPrice < 0 || m.FallbackPrice > m.PriceCap)
        {
            return Invalid("market: priceCap in (0, 1,000,000] €/MWh, fallbackPrice in [0, priceCap].");
        }

        double[] tariffs = [m.RetailSpread, m.FeedInSpread, m.RetailTariff, m.GridFees.Transmission.Withdrawal, m.GridFees.Transmission.Injection, m.GridFees.MediumVoltage.Withdrawal, m.GridFees.MediumVoltage.Injection, m.GridFees.LowVoltage.Withdrawal, m.GridFees.LowVoltage.Injection];
        if (tariffs.Any(t => t is < 0 or > 1_000))
        {
            return Invalid("market: spreads, grid fees and the retail tariff are €/kWh in [0, 1000].");
        }

        if (m.BillingDays is < 0 or > 366 || m.LateWindowHours is < 1 or > 744)
        {
            return Invalid("market: billingDays in 0–366 (0 = calendar months), lateWindowHours in 1–744.");
        }

        if (s.Demand.BaseMw <= 0 || s.Demand.PeakMw < s.Demand.BaseMw || s.Demand.PeakMw > 10_000 || s.Demand.WeekendFactor is <= 0 or > 2)
        {
            return Invalid("demand: 0 < baseMw ≤ peakMw ≤ 10,000, weekendFactor in (0, 2].");
        }

        if (s.Faults.GatewayOutageRate is < 0 or > 0.5 || s.Faults.BadReadings is < 0 or > 1_000)
        {
            return Invalid("faults: gatewayOutageRate in [0, 0.5], badReadings in 0–1000.");
        }

        return Result.Success;
    }

    private static Result CheckGroup(HouseholdGroup g, Dictionary<string, PlayerPlan> players)
    {
        if (!PlayerId.TryParse(g.Group, out _) || g.Group.Length > 50)
        {
            return Invalid($"households: '{g.Group}' is not a group name (a–z, 0–9, '-', at most 50).");
        }

        if (g.Count is < 0 or > 100_000)
        {
            return Invalid($"households.{g.Group}.count: {g.Count} is outside 0–100,000.");
        }

        if (!Modes.Contains(g.Mode, StringComparer.Ordinal))
        {
            return Invalid($"households.{g.Group}.mode: '{g.Mode}' is not active or passive.");
        }

        if (string.Equals(g.Mode, "passive", StringComparison.Ordinal) && !(players.TryGetValue(g.Representative, out var representative) && representative.Role is PlayerRole.Aggregator or PlayerRole.TradingCompany))
        {
            return Invalid($"households.{g.Group}.representative: '{g.Representative}' is not an AggCo or TradCo (aggco, tradco).");
        }

        if (!LoadProfile.Ids.Contains(g.Profile, StringComparer.Ordinal))
        {
            return Invalid($"households.{g.Group}.profile: '{g.Profile}' is not one of {string.Join(", ", LoadProfile.Ids)}.");
        }

        if (!IsRange(g.AnnualKwh, 1, 100_000) || !IsRange(g.Pv.Kwp, 0.1, 100) || !IsRange(g.Pv.Azimuth, 0, 360) || !IsRange(g.HeatPump.AnnualHeatKwh, 0, 200_000))
        {
            return Invalid($"households.{g.Group}: annualKwh, pv.kwp, pv.azimuth and heatPump.annualHeatKwh are [min, max] ranges within their limits (kWh 1–100,000; kWp 0.1–100; azimuth 0–360).");
        }

        double[] shares = [g.Pv.Share, g.Battery.Share, g.Ev.Share, g.HeatPump.Share, g.Spm.Share, g.Spm.Hedge];
        if (shares.Any(x => x is < 0 or > 1) || g.Noise is < 0 or > 2 || g.Pv.Tilt is < 0 or > 90)
        {
            return Invalid($"households.{g.Group}: shares and hedge in [0, 1], noise in [0, 2], pv.tilt in [0, 90].");
        }

        if (g.Battery.CapacityKwh is <= 0 or > 200 || g.Battery.PowerKw is <= 0 or > 100 || g.Battery.RoundTripEfficiency is <= 0 or > 1 || g.Ev.ChargerKw is <= 0 or > 50)
        {
            return Invalid($"households.{g.Group}: battery capacityKwh in (0, 200], powerKw in (0, 100], roundTripEfficiency in (0, 1]; ev chargerKw in (0, 50].");
        }

        if (g.Spm.SellPrice is < -1 or > 1 || g.Spm.BuyPrice is < -1 or > 1)
        {
            return Invalid($"households.{g.Group}.spm: prices are €/kWh in [-1, 1].");
        }

        return Result.Success;
    }

    private static bool IsRange(IReadOnlyList<double> range, double min, double max) =>
        range.Count == 2 && range[0] >= min && range[1] <= max && range[0] <= range[1];

    private static HouseholdPlan Draw(Scenario s, HouseholdGroup g, string id, int index, bool passive)
    {
        var random = DayRandom.For(unchecked((ulong)s.Seed), SimulationStreams.HouseholdSizes, index);
        double Between(IReadOnlyList<double> range) => range[0] + (random.NextDouble() * (range[1] - range[0]));
        var annual = Between(g.AnnualKwh);
        var hasPv = random.NextDouble() < g.Pv.Share;
        var pv = hasPv ? new PvOptions { Kwp = Math.Round(Between(g.Pv.Kwp), 1), Tilt = g.Pv.Tilt, Azimuth = Math.Round(Between(g.Pv.Azimuth)) } : null;
        var battery = hasPv && random.NextDouble() < g.Battery.Share
            ? new BatteryOptions { CapacityKwh = g.Battery.CapacityKwh, PowerKw = g.Battery.PowerKw, RoundTripEfficiency = g.Battery.RoundTripEfficiency }
            : null;
        var ev = random.NextDouble() < g.Ev.Share ? new EvOptions { ChargerKw = g.Ev.ChargerKw } : null;
        var heatPump = random.NextDouble() < g.HeatPump.Share ? new HeatPumpOptions { AnnualHeatKwh = Math.Round(Between(g.HeatPump.AnnualHeatKwh)) } : null;
        var trades = random.NextDouble() < g.Spm.Share;
        return new HouseholdPlan(id, index, g.Group, passive ? g.Representative : null, g.Profile, annual, g.Noise, pv, battery, ev, heatPump, trades ? g.Spm : null);
    }

    private static Result ResolveContracts(ContractSpec spec, int n, Dictionary<string, PlayerPlan> players, Dictionary<string, List<string>> groups, List<ContractPlan> contracts)
    {
        var where = $"contracts[{n.ToString(CultureInfo.InvariantCulture)}] ({spec.Template})";
        var template = StandardLibrary.All.FirstOrDefault(t => string.Equals(t.Meta.Kind, spec.Template, StringComparison.Ordinal));
        if (template is null)
        {
            return Invalid($"{where}: no standard template '{spec.Template}' (templates: {string.Join(", ", StandardLibrary.All.Select(t => t.Meta.Kind))}).");
        }

        var roles = template.Meta.Parties;
        if (spec.Parties.Count != roles.Length || roles.Any(r => !spec.Parties.ContainsKey(r)))
        {
            return Invalid($"{where}: parties must name exactly the roles {string.Join(", ", roles)}.");
        }

        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            var selected = Select(spec.Parties[role], players, groups);
            if (selected is null)
            {
                return Invalid($"{where}.parties.{role}: '{spec.Parties[role]}' is neither a player nor a slice group[from:to] of a household group.");
            }

            columns[role] = selected;
        }

        // A player id stands in every contract; group slices pair up position by position and must be equally long.
        var slices = roles.Where(r => !IsPlayer(spec.Parties[r], players, groups)).Select(r => columns[r].Count).Distinct().ToList();
        if (slices.Count > 1 || columns.Values.Any(c => c.Count == 0))
        {
            return Invalid($"{where}: the party slices must have equal, non-zero lengths (a player id stands in every contract).");
        }

        var count = slices.Count == 1 ? slices[0] : 1;

        string json;
        try
        {
            json = JsonSerializer.Serialize(ToJson(spec.Params));
        }
        catch (FormatException ex)
        {
            return Invalid($"{where}.params: {ex.Message}");
        }

        var parameters = Flecs.Contracts.Values.ContractValue.ParseJson(json);
        if (!parameters.IsSuccess)
        {
            return Invalid($"{where}.params: {parameters.Error.Message}");
        }

        var checkedParameters = template.Meta.CheckParameters(parameters.Value);
        if (!checkedParameters.IsSuccess)
        {
            return Invalid($"{where}.params: {checkedParameters.Error.Message}");
        }

        for (var i = 0; i < count; i++)
        {
            var parties = roles.Order(StringComparer.Ordinal).Select(r => KeyValuePair.Create(r, IsPlayer(spec.Parties[r], players, groups) ? columns[r][0] : columns[r][i])).ToList();
            if (parties.Select(p => p.Value).Distinct(StringComparer.Ordinal).Count() != parties.Count)
            {
                return Invalid($"{where}: one player in two roles of one contract ({string.Join(", ", parties.Select(p => p.Key + "=" + p.Value))}).");
            }

            contracts.Add(new ContractPlan(spec.Template, parties, json));
        }

        return Result.Success;
    }

    private static bool IsPlayer(string reference, Dictionary<string, PlayerPlan> players, Dictionary<string, List<string>> groups) =>
        players.ContainsKey(reference) && !groups.ContainsKey(reference);

    private static List<string>? Select(string reference, Dictionary<string, PlayerPlan> players, Dictionary<string, List<string>> groups)
    {
        if (IsPlayer(reference, players, groups))
        {
            return [reference];
        }

        var bracket = reference.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? reference : reference[..bracket];
        if (!groups.TryGetValue(name, out var members))
        {
            return null;
        }

        if (bracket < 0)
        {
            return [.. members];
        }

        var slice = reference[(bracket + 1)..].TrimEnd(']').Split(':');
        if (!reference.EndsWith(']') || slice.Length != 2
            || !int.TryParse(slice[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !int.TryParse(slice[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            || from >= to || to > members.Count)
        {
            return null;
        }

        return members.GetRange(from, to - from);
    }

    /// <summary>YAML scalars arrive as strings: numbers become JSON numbers, true/false booleans, the rest strings.</summary>
    private static object? ToJson(object? value) => value switch
    {
        null => null,
        string text when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => integer,
        string text when text is "true" or "false" => string.Equals(text, "true", StringComparison.Ordinal),
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => throw new FormatException($"'{text}' is not a whole number: template parameters are integers in the template's units."),
        string text => text,
        IDictionary<object, object> map => map.ToDictionary(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture)!, e => ToJson(e.Value), StringComparer.Ordinal),
        IReadOnlyDictionary<string, object> map => map.ToDictionary(e => e.Key, e => ToJson(e.Value), StringComparer.Ordinal),
        IEnumerable<object> list => list.Select(ToJson).ToList(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static Error Invalid(string message) => new(ScenarioErrors.Invalid, message);
}
