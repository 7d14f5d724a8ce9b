using Flecs.Core.Units;

namespace Flecs.Market.Interface;

/// <summary>The P2G settlement of one interval: per-player lines and the postings, which sum to zero.</summary>
/// <param name="MainPowerMarketPrice">The MPM price used.</param>
/// <param name="NetPosition">The SPM's residual net position: the sum of all players' net imports (positive: the SPM buys from the MPM).</param>
/// <param name="Players">One line per player, ids ascending.</param>
/// <param name="Postings">Player postings (ids ascending), then the MPM, the retailer and each grid level's operator.</param>
public sealed record InterfaceSettlement(
    EnergyPrice MainPowerMarketPrice,
    EnergyQuantity NetPosition,
    IReadOnlyList<PlayerInterfaceSettlement> Players,
    IReadOnlyList<InterfacePosting> Postings);
