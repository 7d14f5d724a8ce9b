using Flecs.Core.Identity;
using Flecs.Core.Units;

namespace Flecs.Market.Interface;

/// <summary>The P2G settlement of one player's residual.</summary>
/// <param name="Player">The player.</param>
/// <param name="Level">The connection level.</param>
/// <param name="NetImport">The residual: positive imported, negative fed in.</param>
/// <param name="UnitPrice">The all-in price per kWh: MPM + spread + fee for imports, MPM − spread − fee for feed-in.</param>
/// <param name="Energy">The energy at the MPM price (always the magnitude's value).</param>
/// <param name="Spread">The retailer's spread.</param>
/// <param name="GridFee">The grid fee.</param>
/// <param name="PlayerAmount">What the player receives, signed: −(energy + spread + fee) for imports, energy − spread − fee for feed-in.</param>
public sealed record PlayerInterfaceSettlement(
    PlayerId Player,
    GridLevel Level,
    EnergyQuantity NetImport,
    EnergyPrice UnitPrice,
    Money Energy,
    Money Spread,
    Money GridFee,
    Money PlayerAmount);
