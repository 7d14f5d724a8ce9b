using Flecs.Core.Units;

namespace Flecs.Market.Interface;

/// <summary>The grid fees of one connection level, per kWh.</summary>
/// <remarks>
/// A level's fee is the all-in network charge for a player connected at that level (published network
/// tariffs already include the cost of the levels above), so a player pays the fee of its own level only.
/// </remarks>
/// <param name="Level">The connection level.</param>
/// <param name="Withdrawal">The fee per kWh taken from the grid (import), zero or more.</param>
/// <param name="Injection">The fee per kWh fed into the grid (export), zero or more; usually zero.</param>
public sealed record GridFee(GridLevel Level, EnergyPrice Withdrawal, EnergyPrice Injection);
