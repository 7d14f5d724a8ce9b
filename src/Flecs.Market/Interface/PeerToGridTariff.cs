using Flecs.Core.Results;
using Flecs.Core.Units;

namespace Flecs.Market.Interface;

/// <summary>The terms on which a Segmented Power Market residual is settled against the Main Power Market (P2G).</summary>
/// <remarks>
/// Import price = MPM price + <see cref="RetailSpread"/> + the level's withdrawal fee.
/// Feed-in price = MPM price − <see cref="FeedInSpread"/> − the level's injection fee.
/// The spreads are the retailer's (the TradCo or AggCo that faces the MPM); the fees are the grid
/// operator's of that level. docs/market-rules.md §6.
/// </remarks>
public sealed class PeerToGridTariff
{
    private readonly GridFee[] _fees;

    private PeerToGridTariff(EnergyPrice retailSpread, EnergyPrice feedInSpread, GridFee[] fees)
    {
        RetailSpread = retailSpread;
        FeedInSpread = feedInSpread;
        _fees = fees;
    }

    /// <summary>What the retailer adds per kWh to the MPM price for energy a player takes from the grid.</summary>
    public EnergyPrice RetailSpread { get; }

    /// <summary>What the retailer keeps per kWh from the MPM price for energy a player feeds in.</summary>
    public EnergyPrice FeedInSpread { get; }

    /// <summary>The fees by level, in level order.</summary>
    public IReadOnlyList<GridFee> Fees => _fees;

    /// <summary>Validates a tariff: spreads and fees not negative, at most one fee per level.</summary>
    public static Result<PeerToGridTariff> Create(EnergyPrice retailSpread, EnergyPrice feedInSpread, IEnumerable<GridFee> fees)
    {
        ArgumentNullException.ThrowIfNull(fees);
        if (retailSpread < EnergyPrice.Zero || feedInSpread < EnergyPrice.Zero)
        {
            return new Error("market.interface.bad-tariff", "the retail and feed-in spreads must not be negative");
        }

        var byLevel = new SortedDictionary<GridLevel, GridFee>();
        foreach (var fee in fees)
        {
            if (fee.Withdrawal < EnergyPrice.Zero || fee.Injection < EnergyPrice.Zero)
            {
                return new Error("market.interface.bad-tariff", $"level {fee.Level}: grid fees must not be negative");
            }

            if (!byLevel.TryAdd(fee.Level, fee))
            {
                return new Error("market.interface.bad-tariff", $"level {fee.Level} has more than one fee");
            }
        }

        return new PeerToGridTariff(retailSpread, feedInSpread, [.. byLevel.Values]);
    }

    /// <summary>The fee of a level, or <see langword="null"/> when the tariff has none.</summary>
    public GridFee? FeeAt(GridLevel level)
    {
        foreach (var fee in _fees)
        {
            if (fee.Level == level)
            {
                return fee;
            }
        }

        return null;
    }
}
