using Flecs.Core.Units;

namespace Flecs.Market.Constraints;

/// <summary>The most energy that may flow from one zone to another in one interval (directional).</summary>
/// <param name="FromZone">The exporting zone (the offers' zone).</param>
/// <param name="ToZone">The importing zone (the bids' zone).</param>
/// <param name="MaxFlow">The cap, zero or more.</param>
public sealed record FlowLimit(string FromZone, string ToZone, EnergyQuantity MaxFlow);
