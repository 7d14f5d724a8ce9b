using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Units;
using Flecs.Market.Clearing;

namespace Flecs.Market.Interface;

/// <summary>Settles the Segmented Power Market's residual against the Main Power Market price (P2G).</summary>
/// <remarks>
/// Each player's residual is settled on its own (not netted across players: a TradCo or AggCo that nets
/// its customers passes itself as the player). Each money component is valued separately with
/// <see cref="EnergyPrice.ValueOf"/> (half to even) and the player's amount is their sum, so the postings
/// sum to zero exactly. docs/market-rules.md §6.
/// </remarks>
public static class PeerToGridSettlement
{
    /// <summary>Settles residual positions at the MPM price under a tariff.</summary>
    /// <remarks>Fails with <c>market.interface.duplicate-player</c> or <c>market.interface.missing-fee</c>.</remarks>
    public static Result<InterfaceSettlement> Settle(IEnumerable<ResidualPosition> positions, EnergyPrice mainPowerMarketPrice, PeerToGridTariff tariff)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(tariff);
        var sorted = positions.ToArray();
        Array.Sort(sorted, static (a, b) => a.Player.CompareTo(b.Player));
        var lines = new List<PlayerInterfaceSettlement>(sorted.Length);
        var postings = new List<InterfacePosting>(sorted.Length + 3);
        var market = Money.Zero;
        var retailer = Money.Zero;
        var grid = new SortedDictionary<GridLevel, Money>();
        long net = 0;
        for (var k = 0; k < sorted.Length; k++)
        {
            var position = sorted[k];
            if (k > 0 && sorted[k - 1].Player == position.Player)
            {
                return new Error("market.interface.duplicate-player", $"player '{position.Player}' has more than one residual position");
            }

            if (tariff.FeeAt(position.Level) is not { } fee)
            {
                return new Error("market.interface.missing-fee", $"player '{position.Player}': the tariff has no grid fee for level {position.Level}");
            }

            net = checked(net + position.NetImport.MilliwattHours);
            var line = SettleOne(position, mainPowerMarketPrice, tariff, fee);
            lines.Add(line);
            postings.Add(new InterfacePosting(InterfaceAccount.Player, position.Player, null, line.PlayerAmount));
            var importing = position.NetImport.MilliwattHours >= 0;
            market += importing ? line.Energy : -line.Energy;
            retailer += line.Spread;
            grid[position.Level] = grid.GetValueOrDefault(position.Level) + line.GridFee;
        }

        postings.Add(new InterfacePosting(InterfaceAccount.MainPowerMarket, null, null, market));
        postings.Add(new InterfacePosting(InterfaceAccount.Retailer, null, null, retailer));
        foreach (var (level, amount) in grid)
        {
            postings.Add(new InterfacePosting(InterfaceAccount.GridOperator, null, level, amount));
        }

        return new InterfaceSettlement(mainPowerMarketPrice, new EnergyQuantity(net), lines, postings);
    }

    /// <summary>
    /// The residual positions implied by a clearing when orders stand for physical needs: what a player's
    /// bids did not buy it takes from the grid, what its offers did not sell it feeds in (net per player).
    /// </summary>
    /// <remarks>Fails with <c>market.interface.missing-player</c> for an order that names no player.</remarks>
    public static Result<IReadOnlyList<ResidualPosition>> ResidualsOf(ClearingResult clearing, Func<PlayerId, GridLevel> levelOf)
    {
        ArgumentNullException.ThrowIfNull(clearing);
        ArgumentNullException.ThrowIfNull(levelOf);
        var net = new SortedDictionary<PlayerId, long>();
        foreach (var outcome in clearing.Outcomes)
        {
            if (outcome.Order.Player is not { } player)
            {
                return new Error("market.interface.missing-player", $"order '{outcome.Order.Id}' names no player, so its residual has no one to settle with");
            }

            var unfilled = outcome.Unfilled.MilliwattHours;
            net[player] = checked(net.GetValueOrDefault(player) + (outcome.Order.IsBuy ? unfilled : -unfilled));
        }

        var positions = new List<ResidualPosition>(net.Count);
        foreach (var (player, quantity) in net)
        {
            positions.Add(new ResidualPosition(player, levelOf(player), new EnergyQuantity(quantity)));
        }

        return positions;
    }

    private static PlayerInterfaceSettlement SettleOne(ResidualPosition position, EnergyPrice price, PeerToGridTariff tariff, GridFee fee)
    {
        var importing = position.NetImport.MilliwattHours >= 0;
        var magnitude = importing ? position.NetImport : -position.NetImport;
        var energy = price.ValueOf(magnitude);
        var spreadPrice = importing ? tariff.RetailSpread : tariff.FeedInSpread;
        var feePrice = importing ? fee.Withdrawal : fee.Injection;
        var spread = spreadPrice.ValueOf(magnitude);
        var gridFee = feePrice.ValueOf(magnitude);
        var unitPrice = importing ? price + spreadPrice + feePrice : price - spreadPrice - feePrice;
        var amount = importing ? -(energy + spread + gridFee) : energy - spread - gridFee;
        return new PlayerInterfaceSettlement(position.Player, position.Level, position.NetImport, unitPrice, energy, spread, gridFee, amount);
    }
}
