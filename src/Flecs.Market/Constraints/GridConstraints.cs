using Flecs.Core.Results;
using Flecs.Core.Units;

namespace Flecs.Market.Constraints;

/// <summary>Validated per-zone import/export caps and per-pair flow caps for one Segmented Power Market interval.</summary>
/// <remarks>
/// Anything not listed is unlimited: a zone without a <see cref="ZoneLimit"/>, a direction without a
/// <see cref="FlowLimit"/>, and the default zone of orders that name none. Trades inside one zone never
/// use a cap. docs/market-rules.md §5.
/// </remarks>
public sealed class GridConstraints
{
    private readonly Dictionary<string, ZoneLimit> _zones;
    private readonly Dictionary<(string From, string To), long> _flows;

    private GridConstraints(Dictionary<string, ZoneLimit> zones, Dictionary<(string From, string To), long> flows)
    {
        _zones = zones;
        _flows = flows;
    }

    /// <summary>No constraints.</summary>
    public static GridConstraints None { get; } = new(new(StringComparer.Ordinal), []);

    /// <summary>True when no cap is set at all.</summary>
    public bool IsEmpty => _zones.Count == 0 && _flows.Count == 0;

    /// <summary>Validates the caps: zone names non-empty, caps not negative, no zone or direction listed twice, no flow from a zone to itself.</summary>
    public static Result<GridConstraints> Create(IEnumerable<ZoneLimit> zones, IEnumerable<FlowLimit> flows)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(flows);
        var zoneMap = new Dictionary<string, ZoneLimit>(StringComparer.Ordinal);
        foreach (var zone in zones)
        {
            if (string.IsNullOrEmpty(zone.Zone))
            {
                return new Error("market.constraints.bad-zone", "a zone limit has no zone name");
            }

            if (zone.MaxImport is { MilliwattHours: < 0 } || zone.MaxExport is { MilliwattHours: < 0 })
            {
                return new Error("market.constraints.bad-cap", $"zone '{zone.Zone}': a cap must not be negative");
            }

            if (!zoneMap.TryAdd(zone.Zone, zone))
            {
                return new Error("market.constraints.duplicate", $"zone '{zone.Zone}' has more than one limit");
            }
        }

        var flowMap = new Dictionary<(string From, string To), long>();
        foreach (var flow in flows)
        {
            if (string.IsNullOrEmpty(flow.FromZone) || string.IsNullOrEmpty(flow.ToZone))
            {
                return new Error("market.constraints.bad-zone", "a flow limit has no zone name");
            }

            if (string.Equals(flow.FromZone, flow.ToZone, StringComparison.Ordinal))
            {
                return new Error("market.constraints.bad-zone", $"flow '{flow.FromZone}' → '{flow.ToZone}': a zone does not flow to itself");
            }

            if (flow.MaxFlow.MilliwattHours < 0)
            {
                return new Error("market.constraints.bad-cap", $"flow '{flow.FromZone}' → '{flow.ToZone}': a cap must not be negative");
            }

            if (!flowMap.TryAdd((flow.FromZone, flow.ToZone), flow.MaxFlow.MilliwattHours))
            {
                return new Error("market.constraints.duplicate", $"flow '{flow.FromZone}' → '{flow.ToZone}' has more than one limit");
            }
        }

        return new GridConstraints(zoneMap, flowMap);
    }

    /// <summary>The import cap of a zone, or <see langword="null"/> when unlimited.</summary>
    public EnergyQuantity? MaxImport(string zone) => _zones.TryGetValue(zone, out var limit) ? limit.MaxImport : null;

    /// <summary>The export cap of a zone, or <see langword="null"/> when unlimited.</summary>
    public EnergyQuantity? MaxExport(string zone) => _zones.TryGetValue(zone, out var limit) ? limit.MaxExport : null;

    /// <summary>The flow cap from one zone to another, or <see langword="null"/> when unlimited.</summary>
    public EnergyQuantity? MaxFlow(string fromZone, string toZone) =>
        _flows.TryGetValue((fromZone, toZone), out var cap) ? new EnergyQuantity(cap) : null;
}
