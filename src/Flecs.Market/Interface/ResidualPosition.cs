using Flecs.Core.Identity;
using Flecs.Core.Units;

namespace Flecs.Market.Interface;

/// <summary>A player's residual net position for one interval: what the Segmented Power Market did not cover.</summary>
/// <param name="Player">The player (a passive player's TradCo or AggCo settles in its name).</param>
/// <param name="Level">The player's connection level.</param>
/// <param name="NetImport">Positive: energy the player takes from the grid; negative: energy it feeds in.</param>
public sealed record ResidualPosition(PlayerId Player, GridLevel Level, EnergyQuantity NetImport);
