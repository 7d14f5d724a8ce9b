namespace Flecs.Market.Interface;

/// <summary>Who a P2G posting belongs to.</summary>
/// <remarks>The numeric values are persisted; never renumber them.</remarks>
public enum InterfaceAccount
{
    /// <summary>The player whose residual is settled.</summary>
    Player = 1,

    /// <summary>The Main Power Market (the energy bought or sold at the MPM price).</summary>
    MainPowerMarket = 2,

    /// <summary>The retailer facing the MPM (retail and feed-in spreads).</summary>
    Retailer = 3,

    /// <summary>The grid operator of one level (grid fees).</summary>
    GridOperator = 4,
}
