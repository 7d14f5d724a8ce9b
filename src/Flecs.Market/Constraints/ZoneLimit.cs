using Flecs.Core.Units;

namespace Flecs.Market.Constraints;

/// <summary>The most energy a zone may import and export in one interval (a grid limit or an SA patch).</summary>
/// <param name="Zone">The zone name (non-empty, compared ordinally).</param>
/// <param name="MaxImport">The most energy orders in other zones may deliver into this zone; <see langword="null"/> for no limit.</param>
/// <param name="MaxExport">The most energy this zone's offers may deliver to other zones; <see langword="null"/> for no limit.</param>
public sealed record ZoneLimit(string Zone, EnergyQuantity? MaxImport, EnergyQuantity? MaxExport);
